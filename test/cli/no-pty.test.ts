import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandPayload, JournalEvent } from "../../src/journal/index.js";
import { NODE_ARGS, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// A system that gives no pseudo-terminal: stacklog runs in a mount namespace (util-linux's
// `unshare`) where /dev/ptmx is /dev/null, so node-pty's forkpty fails as it does when every
// PTY is taken.

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox({ SHELL: "/bin/bash" });
  stacklogJson(sb, ["start", "--title", "no terminals left"]);
});
afterEach(() => sb.cleanup());

function withoutPty(args: string[]) {
  const r = spawnSync(
    "unshare",
    [
      "-rm",
      "sh",
      "-c",
      'mount --bind /dev/null /dev/ptmx && exec "$@"',
      "sh",
      process.execPath,
      ...NODE_ARGS,
      ...args,
    ],
    { cwd: sb.dir, env: sb.env, encoding: "utf8" },
  );
  if (r.error || /unshare: |mount: /.test(r.stderr))
    throw new Error(
      `this test needs util-linux's unshare with user and mount namespaces (or root): ${r.error?.message ?? r.stderr}`,
    );
  return r;
}

describe("when no pseudo-terminal can be opened", () => {
  it("run still runs the command, with pipes, records it and passes its status through", () => {
    const r = withoutPty(["run", "--pty", "--", "sh", "-c", "echo through; exit 4"]);
    expect(r.status).toBe(4);
    expect(r.stdout).toBe("through\n");
    expect(r.stderr).toBe(
      "stacklog: no pseudo-terminal could be opened (forkpty(3) failed); the command runs with pipes\n",
    );
    const [event] = stacklog(sb, ["log", "--kind", "command", "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JournalEvent);
    expect(event?.payload).toMatchObject({
      mode: "pipe",
      exitStatus: 4,
    } as Partial<CommandPayload>);
    const shown = stacklogJson<{ output: string }>(sb, ["show", String(event?.seq)]);
    expect(shown.output).toBe("through\n");
  });

  it("shell says clearly that there is no terminal and what to do instead", () => {
    const r = withoutPty(["shell"]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("No pseudo-terminal");
    expect(r.stderr).toContain("forkpty(3) failed");
    expect(r.stderr).toContain("stacklog hook bash");
    expect(r.stderr).not.toContain("internal error");
    expect(r.stdout).not.toContain("recording this shell");
  });
});
