import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  filesUnder,
  loggedEvents,
  recordedCommand,
  type Sandbox,
  sandbox,
  stacklog,
  stacklogJson,
} from "../helpers/cli.js";

// asciinema keeps the variables it was asked to (`rec --env OS_PASSWORD,...`) in the header:
// the recording itself says which values are secret, whatever the importing store knows.

const VALUE = "CastEnvPw_XY1234";
let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "imported"]);
});
afterEach(() => sb.cleanup());

function cast(header: Record<string, unknown>, events: [number, string, string][]): string {
  const file = path.join(sb.dir, "hdr.cast");
  const lines = [
    JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1_700_000_000, ...header }),
    ...events.map((e) => JSON.stringify(e)),
  ];
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

describe("import of a recording whose header holds OS_PASSWORD", () => {
  it("hides the header's password wherever the recording prints it", () => {
    const file = cast(
      {
        command: "openstack token issue",
        env: { SHELL: "/bin/bash", TERM: "xterm", OS_PASSWORD: VALUE },
      },
      [
        // split across two events, as a terminal recording may cut it
        [0.1, "o", "logged in with CastEnv"],
        [0.2, "o", "Pw_XY1234 at noon\r\n"],
        [0.3, "o", `echo ${VALUE}\r\n`],
      ],
    );
    const r = stacklog(sb, ["import", "--format", "asciicast", file]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).not.toContain(VALUE);

    const { output } = recordedCommand(sb, loggedEvents(sb), "openstack token issue");
    expect(output).toBe(
      "logged in with [REDACTED env:OS_PASSWORD] at noon\r\necho [REDACTED env:OS_PASSWORD]\r\n",
    );
    for (const f of filesUnder(sb.home))
      expect(readFileSync(f).toString("latin1").includes(VALUE), f).toBe(false);
    expect(stacklog(sb, ["export"]).stdout).not.toContain(VALUE);
  });

  it("keeps the header's other variables as ordinary text", () => {
    const file = cast({ command: "env", env: { OS_USERNAME: "admin_user", TERM: "xterm" } }, [
      [0.1, "o", "OS_USERNAME=admin_user\r\n"],
    ]);
    expect(stacklog(sb, ["import", "--format", "asciicast", file]).status).toBe(0);
    expect(recordedCommand(sb, loggedEvents(sb), "env").output).toBe("OS_USERNAME=admin_user\r\n");
  });
});
