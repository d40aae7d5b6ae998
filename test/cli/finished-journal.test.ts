import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { terminal } from "../helpers/terminal.js";

// The journal stays current after `finish` (late lessons find it); a command recorded into it
// afterwards is most likely the next upgrade's, started without `stacklog start`.

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox({ SHELL: "/bin/bash" });
  stacklogJson(sb, ["start", "--title", "last month's upgrade"]);
  expect(stacklog(sb, ["finish", "--status", "completed"]).status).toBe(0);
});
afterEach(() => sb.cleanup());

describe("recording into a finished journal", () => {
  it("still records, and says so in one line (run)", () => {
    const r = stacklog(sb, ["run", "--", "echo", "next-upgrade"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("next-upgrade\n");
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/is completed; recording into it anyway \(`stacklog start/),
    ]);
    expect(stacklog(sb, ["log", "--kind", "command"]).stdout).toContain("next-upgrade");
  });

  it("says so once when a recorded shell starts", async () => {
    const t = terminal(sb, ["shell"]);
    await t.waitFor("recording this shell");
    t.pty.write("echo one-$((1 + 1))\r");
    await t.waitFor("one-2\r\n");
    t.pty.write("echo two-$((1 + 1))\r");
    await t.waitFor("two-2\r\n");
    t.pty.write("exit\r");
    await t.exited;
    expect(t.screen().split("recording into it anyway")).toHaveLength(2);
  });
});
