import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandPayload, JournalEvent } from "../../src/journal/index.js";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { recordedShell } from "../helpers/terminal.js";

// What operators' bash does around a recorded shell: lines pasted together, and tools loaded by
// their rc files that take over the history or the prompt.

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox({ SHELL: "/bin/bash" });
  stacklogJson(sb, ["start", "--title", "operators' bash"]);
});
afterEach(() => sb.cleanup());

function recorded(): Array<{ seq: number; cmd: CommandPayload }> {
  const out = stacklog(sb, ["log", "--kind", "command", "--json"]).stdout.trim();
  return out.split("\n").map((l) => {
    const e = JSON.parse(l) as JournalEvent;
    return { seq: e.seq, cmd: e.payload as CommandPayload };
  });
}

const output = (seq: number): string =>
  stacklogJson<{ output: string }>(sb, ["show", String(seq)]).output;

describe("lines pasted together into a recorded bash", () => {
  it("are one record with the text pasted, every line's output and the last one's status", async () => {
    const { t, type } = await recordedShell(sb);
    // bracketed paste, as terminals and tmux send a pasted block; then Enter
    t.pty.write("\x1b[200~echo pasted-1\nfalse\necho pasted-$((1 + 2))\x1b[201~");
    await type("", "pasted-3\r\n");
    await type("false", "\x1b]133;D;1");
    await type("echo after-paste", "after-paste\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);

    const all = recorded();
    const pasted = all.filter((r) => r.cmd.line.includes("pasted-"));
    expect(pasted).toHaveLength(1);
    expect(pasted[0]?.cmd.line).toBe("echo pasted-1\nfalse\necho pasted-$((1 + 2))");
    expect(pasted[0]?.cmd.exitStatus).toBe(0);
    expect(output(pasted[0]?.seq as number)).toBe("pasted-1\r\npasted-3\r\n");
    // the commands after it keep their own records
    expect(all.find((r) => r.cmd.line === "false")?.cmd.exitStatus).toBe(1);
    const after = all.find((r) => r.cmd.line === "echo after-paste");
    expect(output(after?.seq as number)).toBe("after-paste\r\n");
  });
});

describe("a pasted line too long for one mark", () => {
  it("runs as typed, is recorded cut, and shows nothing of stacklog's marks on the screen", async () => {
    const { t, type } = await recordedShell(sb);
    const words = "abcdefg ".repeat(9000); // a line of 72,012 bytes: more than one mark holds, many reads
    t.pty.write(`\x1b[200~echo ${words}| wc -c\x1b[201~`);
    await type("", "72000\r\n");
    await type("echo after-long-$((6 * 7))", "after-long-42\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    expect(t.screen()).not.toContain("6973;");
    const all = recorded();
    const long = all.find((r) => r.cmd.line.startsWith("echo abcdefg"));
    expect(long?.cmd.line).toMatch(/ … \[line cut at 64 KiB\]$/);
    expect(output(long?.seq as number)).toBe("72000\r\n");
    expect(all.some((r) => r.cmd.line === "echo after-long-$((6 * 7))")).toBe(true);
  });
});

describe("rc files that take over the history or the prompt", () => {
  it("keep a line typed with a leading space out of the history even when they drop ignorespace", async () => {
    // a prompt hook that sets HISTCONTROL on every prompt, as some history tools do
    writeFileSync(
      path.join(sb.env.HOME as string, ".bashrc"),
      "PROMPT_COMMAND='HISTCONTROL=ignoredups'\n",
    );
    const { t, type } = await recordedShell(sb);
    await type("echo kept-$((2 * 21))", "kept-42\r\n");
    await type(" echo private-$((2 * 22))", "private-44\r\n");
    await type("history 5", "kept-$((2 * 21))");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    const listed = recorded().find((r) => r.cmd.line === "history 5");
    const shown = output(listed?.seq as number);
    expect(shown).toContain("kept-$((2 * 21))");
    expect(shown).not.toContain("private-");
    expect(stacklog(sb, ["export"]).stdout).not.toContain("private-$((2 * 22))");
  });

  it("let a preexec hook installed on the first prompt see the first command", async () => {
    // The shape of bash-preexec: sourced from ~/.bashrc, it adds an install step to
    // PROMPT_COMMAND; on the first prompt that step sets a DEBUG trap and a flag that the last
    // PROMPT_COMMAND entry turns on; the first simple command run with the flag on is taken as
    // the typed command. Whatever runs after the install step on that first prompt is taken for
    // the first command unless it comes before.
    const log = path.join(sb.env.HOME as string, "preexec.log");
    const rc = [
      `__bp_install_string='__bp_install "$_"'`,
      "__bp_mode=",
      // (key bindings' functions are not typed commands)
      `__bp_trap() { [[ -n $__bp_mode && -z \${READLINE_POINT-} ]] || return 0; __bp_mode=; echo "preexec $BASH_COMMAND" >>${log}; }`,
      "__bp_on() { __bp_mode=on; }",
      `__bp_install() { PROMPT_COMMAND=\${PROMPT_COMMAND//"$__bp_install_string"/}$'\\n'__bp_on; trap '__bp_trap' DEBUG; __bp_on; }`,
      `PROMPT_COMMAND="\${PROMPT_COMMAND:+$PROMPT_COMMAND$'\\n'}$__bp_install_string"`,
      "",
    ].join("\n");
    writeFileSync(path.join(sb.env.HOME as string, ".bashrc"), rc);
    const { t, type } = await recordedShell(sb);
    await type("echo first-$((3 * 3))", "first-9\r\n");
    await type("echo second-$((3 * 4))", "second-12\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    const seen = readFileSync(log, "utf8").split("\n").filter(Boolean);
    expect(seen.slice(0, 2)).toEqual([
      "preexec echo first-$((3 * 3))",
      "preexec echo second-$((3 * 4))",
    ]);
    expect(recorded().map((r) => r.cmd.line)).toEqual(
      expect.arrayContaining(["echo first-$((3 * 3))", "echo second-$((3 * 4))"]),
    );
  });
});

describe("an operator who sets PROMPT_COMMAND in the recorded bash", () => {
  it("keeps every later command in a record of its own, a hidden line hidden", async () => {
    const { t, type } = await recordedShell(sb);
    await type("PROMPT_COMMAND='history -a'", "\x1b]133;B");
    await type(" echo hidden-$((5 * 5))", "hidden-25\r\n");
    await type("echo one-$((0 + 1))", "one-1\r\n");
    await type("echo two-$((1 + 1))", "two-2\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    const all = recorded();
    const one = all.find((r) => r.cmd.line === "echo one-$((0 + 1))");
    const two = all.find((r) => r.cmd.line === "echo two-$((1 + 1))");
    expect(one?.cmd.exitStatus).toBe(0);
    expect(output(one?.seq as number)).toBe("one-1\r\n");
    expect(output(two?.seq as number)).toBe("two-2\r\n");
    expect(all.some((r) => r.cmd.line === "[not recorded]" && r.cmd.hidden)).toBe(true);
    const everything = stacklog(sb, ["export"]).stdout;
    expect(everything).not.toContain("hidden-$((5 * 5))");
    for (const r of all) expect(output(r.seq) ?? "").not.toContain("hidden-25");
  });
});
