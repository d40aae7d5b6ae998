import { describe, expect, it } from "vitest";
import { importCast } from "./index.js";

const HEADER = '{"version":2,"width":80,"height":24,"timestamp":1795630000}';
const T0 = 1_795_630_000_000;

/** A v2 recording of `events`, each [seconds, output]. */
function cast(...events: [number, string][]): string {
  return [HEADER, ...events.map(([t, data]) => JSON.stringify([t, "o", data]))].join("\n");
}

const outputOf = (c: { output: { data: string }[] }) => c.output.map((o) => o.data).join("");

// What bash 5.2 writes around its prompts: bracketed paste on before reading a line, off after.
const ON = "\x1b[?2004h";
const OFF = "\x1b[?2004l\r";
const PS1 = "root@vm:~# ";
// zsh's PROMPT_SP after output that does not end its line (80 columns), then its prompt.
const PROMPT_SP = `\x1b[1m\x1b[7m#\x1b[27m\x1b[1m\x1b[0m${" ".repeat(79)}\r \r`;
const ZSH_PROMPT = `\r\x1b[0m\x1b[27m\x1b[24m\x1b[Jvm# \x1b[K${ON}`;

describe("splitting at prompts", () => {
  it("keeps output printed before the next prompt on its line with the command before", () => {
    const r = importCast(
      cast([0.1, PS1], [1, "printf partial\r\n"], [1.1, `partial-output${PS1}`]),
    );
    expect(r.splitBy).toBe("prompt");
    expect(r.commands).toEqual([
      {
        line: "printf partial",
        startedAt: T0 + 1000,
        endedAt: T0 + 1100,
        exitStatus: null,
        cwd: null,
        output: [{ t: 100, data: "partial-output" }],
      },
    ]);
  });

  it("keeps output before zsh's PROMPT_SP and leaves out the PROMPT_SP", () => {
    const r = importCast(
      cast(
        [0.1, `${PROMPT_SP}${ZSH_PROMPT}`],
        [1, `p\bprintf "no newline"\x1b[?2004l\r\r\nno newline${PROMPT_SP}${ZSH_PROMPT}`],
        [2, `e\becho x\x1b[?2004l\r\r\nx\r\n${PROMPT_SP}${ZSH_PROMPT}`],
      ),
    );
    expect(r.commands.map((c) => [c.line, outputOf(c)])).toEqual([
      ['printf "no newline"', "no newline"],
      ["echo x", "x\r\n"],
    ]);
  });

  it("reads the lines typed at bash's continuation prompts as one command", () => {
    const r = importCast(
      cast(
        [0.1, `${ON}${PS1}`],
        [1, `for i in 1 2; do\r\n${OFF}${ON}> `],
        [2, `echo r$i\r\n${OFF}${ON}> `],
        [3, `done\r\n${OFF}`],
        [3.1, `r1\r\nr2\r\n${ON}${PS1}`],
        [4, `echo a \\\r\n${OFF}`],
        [4.1, `${ON}> `],
        [5, `  b\r\n${OFF}`],
        [5.1, `a b\r\n${ON}${PS1}`],
      ),
    );
    expect(r.commands.map((c) => [c.line, outputOf(c)])).toEqual([
      ["for i in 1 2; do\necho r$i\ndone", `${OFF}r1\r\nr2\r\n`],
      ["echo a \\\n  b", `${OFF}a b\r\n`],
    ]);
    expect(r.commands[0]).toMatchObject({ startedAt: T0 + 3000, endedAt: T0 + 3100 });
  });

  it("reads continuation lines typed ahead, and zsh's named continuation prompts", () => {
    const zsh = (ps2: string) =>
      `\x1b[?2004l\r\r\n\r\x1b[0m\x1b[27m\x1b[24m\x1b[J${ps2}> \x1b[K${ON}`;
    const r = importCast(
      cast(
        [0.1, `${ON}${PS1}`],
        [1, `for i in 1 2; do\r\n${OFF}${ON}> echo r$i\r\n${OFF}${ON}> done\r\n${OFF}r1\r\nr2\r\n`],
        [1.1, `${ON}${PS1}`],
        [2, `cat <<EOF${zsh("heredoc")}`],
        [3, `x${zsh("heredoc")}`],
        [4, "EOF\x1b[?2004l\r\r\nx\r\n"],
        [4.1, `${ON}${PS1}`],
      ),
    );
    expect(r.commands.map((c) => c.line)).toEqual([
      "for i in 1 2; do\necho r$i\ndone",
      "cat <<EOF\nx\nEOF",
    ]);
    expect(outputOf(r.commands[0] as { output: { data: string }[] })).toBe(`${OFF}r1\r\nr2\r\n`);
  });

  it("takes output that looks like a continuation prompt for output when the command was whole", () => {
    const r = importCast(cast([0.1, "$ "], [1, "printf '> '\r\n"], [1.1, "> "], [2, "$ "]));
    expect(r.commands.map((c) => [c.line, outputOf(c)])).toEqual([["printf '> '", "> "]]);
  });

  it("finds the prompt and the next command after a full-screen program", () => {
    const screen = Array.from({ length: 23 }, (_, i) => `\x1b[${i + 2};1H~${" ".repeat(79)}`);
    const r = importCast(
      cast(
        [0.1, `${ON}${PS1}`],
        [1, `vim x.txt\r\n${OFF}`],
        [1.1, `\x1b[?1049h\x1b[H\x1b[2J${screen.join("")}\x1b[1;1H`],
        [2, `\x1b[24;1H:q!\r\x1b[?2004l\x1b[?1049l\x1b[?25h`],
        [2.1, `${ON}${PS1}`],
        [3, `echo after\r\n${OFF}after\r\n${ON}${PS1}`],
      ),
    );
    expect(r.commands.map((c) => c.line)).toEqual(["vim x.txt", "echo after"]);
    expect(outputOf(r.commands[0] as { output: { data: string }[] })).toContain("\x1b[?1049l");
    expect(outputOf(r.commands[1] as { output: { data: string }[] })).toBe(`${OFF}after\r\n`);
  });

  it("takes a command typed ahead, whose prompt shows in the middle of a write", () => {
    const r = importCast(
      cast(
        [0.1, `${ON}${PS1}`],
        [1, `sleep 1\r\n${OFF}`],
        [1.5, "echo b\r\n"],
        [2, `${ON}${PS1}echo b\r\n${OFF}b\r\n${ON}${PS1}`],
      ),
    );
    expect(r.commands.map((c) => [c.line, outputOf(c), c.startedAt, c.endedAt])).toEqual([
      ["sleep 1", `${OFF}echo b\r\n`, T0 + 1000, T0 + 2000],
      ["echo b", `${OFF}b\r\n`, T0 + 2000, T0 + 2000],
    ]);
  });

  it("reads the first command when the first write holds its prompt, command and output", () => {
    const r = importCast(cast([1, "$ echo b\r\nb\r\n$ "], [5, "echo a\r\na\r\n$ "]));
    expect(r.commands.map((c) => [c.line, outputOf(c), c.startedAt])).toEqual([
      ["echo b", "b\r\n", T0 + 1000],
      ["echo a", "a\r\n", T0 + 5000],
    ]);
  });

  it("leaves a prompt quoted in a command's output in that output", () => {
    const r = importCast(
      cast(
        [0.1, `${ON}${PS1}`],
        [1, `cat notes.txt\r\n${OFF}`],
        [1.1, `${PS1}rm -rf /tmp/x\r\n${PS1}ls\r\n`],
        [1.2, `${ON}${PS1}`],
      ),
    );
    expect(r.commands.map((c) => c.line)).toEqual(["cat notes.txt"]);
    expect(outputOf(r.commands[0] as { output: { data: string }[] })).toContain("rm -rf /tmp/x");
  });

  it("marks the last command cut short, with a warning, when no prompt follows it", () => {
    const r = importCast(cast([0.1, "$ "], [1, "sleep 100\r\n"], [2, "zzz\r\n"]));
    expect(r.commands).toMatchObject([{ line: "sleep 100", exitStatus: null, endedAt: T0 + 2000 }]);
    expect(r.commands[0]?.partial).toContain('"sleep 100" runs (no prompt follows it)');
    expect(r.warnings).toContain(r.commands[0]?.partial);
  });

  it("does not mark a last `exit` cut short, and takes its status from a v3 exit event", () => {
    expect(importCast(cast([0.1, "$ "], [1, "exit\r\n"])).commands[0]?.partial).toBeUndefined();
    const v3 = [
      '{"version":3,"term":{"cols":80,"rows":24},"timestamp":1795630000}',
      '[0.1,"o","$ "]',
      '[1,"o","exit 3\\r\\n"]',
      '[0.1,"x","3"]',
    ].join("\n");
    const r = importCast(v3);
    expect(r.commands).toMatchObject([{ line: "exit 3", exitStatus: 3 }]);
    expect(r.commands[0]?.partial).toBeUndefined();
    expect(r.warnings).toEqual([]);
  });

  it("tells the prompt from output before it on its line by the prompts seen elsewhere", () => {
    const r = importCast(cast([0.1, "$ "], [1, "ls\r\n"], [1.1, "a  b\r\nc$ "], [2, "pwd\r\n"]));
    expect(r.commands.map((c) => [c.line, outputOf(c)])).toEqual([
      ["ls", "a  b\r\nc"],
      ["pwd", ""],
    ]);
  });
});
