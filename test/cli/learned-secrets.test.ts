import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandPayload, JournalEvent } from "../../src/journal/index.js";
import { filesUnder, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { terminal } from "../helpers/terminal.js";

// A value no registered source knows, set on a command line: the pattern rules hide it there,
// and from then on it is a known value, hidden in the output that prints it too.

const VALUE = "HunterTwo2Secret";
let sb: Sandbox;
beforeEach(() => {
  sb = sandbox({ SHELL: "/bin/bash" });
  stacklogJson(sb, ["start", "--title", "a password typed at the prompt"]);
});
afterEach(() => sb.cleanup());

function commands(): { seq: number; p: CommandPayload; output: string }[] {
  return stacklog(sb, ["log", "--kind", "command", "--json"])
    .stdout.trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEvent)
    .map((e) => ({
      seq: e.seq,
      p: e.payload as CommandPayload,
      output: stacklogJson<{ output: string }>(sb, ["show", String(e.seq)]).output,
    }));
}

const inStore = () =>
  filesUnder(sb.home).some((f) => readFileSync(f).toString("latin1").includes(VALUE));

describe("a secret set on a command line", () => {
  it("is hidden in the output of the command that sets it (run)", () => {
    const r = stacklog(sb, [
      "run",
      "--",
      "sh",
      "-c",
      `export OS_PASSWORD=${VALUE}; echo "using $OS_PASSWORD"`,
    ]);
    expect(r.stdout).toBe(`using ${VALUE}\n`);
    const [cmd] = commands();
    expect(cmd?.p.line).toContain("OS_PASSWORD=[REDACTED password]");
    expect(cmd?.output).toBe("using [REDACTED password]\n");
    expect(inStore()).toBe(false);
  });

  it("is hidden in the output of a command that takes it as an argument (mysql -pX)", () => {
    // `mysql -pX` with no `-u`: only the command line finds it; its output then hides it too
    const r = stacklog(sb, ["run", "--", "sh", "-c", `: mysql -p${VALUE}; echo "pw ${VALUE}"`]);
    expect(r.stdout).toBe(`pw ${VALUE}\n`);
    const [cmd] = commands();
    expect(cmd?.p.line).toContain("mysql -p[REDACTED password]");
    expect(cmd?.p.argv?.join(" ")).not.toContain(VALUE);
    expect(cmd?.output).toBe("pw [REDACTED password]\n");
    expect(inStore()).toBe(false);
  });

  it("is hidden in that command's output and every later line and output of a recorded shell", async () => {
    const t = terminal(sb, ["shell"]);
    await t.waitFor("recording this shell");
    const type = async (line: string, wait: string) => {
      t.pty.write(`${line}\r`);
      await t.waitFor(wait);
    };
    await type(`export OS_PASSWORD=${VALUE}; echo "set-$OS_PASSWORD"`, `set-${VALUE}\r\n`);
    await type('echo "again-$OS_PASSWORD"', `again-${VALUE}\r\n`);
    await type(`echo typed-${VALUE}`, `typed-${VALUE}\r\n`);
    t.pty.write("exit\r");
    await t.exited;
    const [set, again, typed] = commands();
    expect(set?.p.line).toBe('export OS_PASSWORD=[REDACTED password]; echo "set-$OS_PASSWORD"');
    expect(set?.output).toBe("set-[REDACTED password]\r\n");
    expect(again?.output).toBe("again-[REDACTED password]\r\n");
    expect(typed?.p.line).toBe("echo typed-[REDACTED password]");
    expect(typed?.output).toBe("typed-[REDACTED password]\r\n");
    expect(inStore()).toBe(false);
  });
});
