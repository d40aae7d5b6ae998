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

  it.each([
    ["phase", ["phase", "next upgrade's pre-checks"]],
    ["milestone", ["milestone", "API downtime", "--begin"]],
    ["an observation", ["note", "rabbitmq healthy"]],
    ["a problem", ["note", "--problem", "galera node 2 down"]],
    ["a question", ["note", "--question", "why is nova slow?"]],
  ])("still records %s, and says so in one line", (_what, args) => {
    const r = stacklog(sb, args);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^#\d+ /);
    expect(r.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(
        /^stacklog: journal \S+ is completed; recording into it anyway \(`stacklog start/,
      ),
    ]);
  });

  it("says so for a fix too", () => {
    // the problem was noted before the journal was finished
    const own = sandbox();
    try {
      stacklogJson(own, ["start", "--title", "last month's upgrade"]);
      stacklog(own, ["note", "--problem", "galera node 2 down"]);
      stacklog(own, ["finish", "--status", "completed"]);
      const r = stacklog(own, ["note", "--fix", "1", "bootstrapped galera"]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stderr).toContain("is completed; recording into it anyway");
    } finally {
      own.cleanup();
    }
  });

  it.each([
    ["a lesson", ["note", "--lesson", "drain haproxy first next time"]],
    ["a decision", ["note", "--decision", "keep the old images a week"]],
  ])("takes %s silently: it is written after the fact", (_what, args) => {
    const r = stacklog(sb, args);
    expect([r.status, r.stderr]).toEqual([0, ""]);
  });

  it("takes an amendment silently: it is written after the fact", () => {
    stacklog(sb, ["note", "--lesson", "the downtime was 5 minutes"]);
    const r = stacklog(sb, ["amend", "1", "the downtime was 4 minutes"]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
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
