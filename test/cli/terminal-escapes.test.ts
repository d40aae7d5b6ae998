import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// Titles, notes and command lines may hold terminal control sequences (typed, pasted, or in an
// imported journal). Text views show them; they must not retitle the terminal, recolour it or
// overwrite a line. --json and a command's own output keep them as they are.

const OSC_TITLE = "\x1b]0;pwned\x07";
const RED = "\x1b[31m";
const TITLE = `upgrade ${OSC_TITLE}${RED}red\r\nsecond line`;
const NOTE = `galera ${RED}down\x1b[0m\rOVERWRITTEN`;
// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

let sb: Sandbox;
let journalId: string;
beforeAll(() => {
  sb = sandbox();
  journalId = stacklogJson<{ id: string }>(sb, ["start", "--title", TITLE]).id;
  stacklog(sb, ["note", "--problem", NOTE]);
  stacklog(sb, ["run", "--", "printf", `${RED}coloured output\x1b[0m\n`]);
});
afterAll(() => sb.cleanup());

/** Lines without any control character but the newlines between them. */
function expectInert(text: string) {
  for (const line of text.split("\n")) expect(line).not.toMatch(CONTROL);
}

describe("control characters in user text", () => {
  it("are shown, not obeyed, by list, with the title on its one line", () => {
    const out = stacklog(sb, ["list"]).stdout;
    expectInert(out);
    expect(out.trimEnd().split("\n")).toHaveLength(1);
    expect(out).toContain("upgrade \\e]0;pwned^G\\e[31mred⏎second line");
  });

  it("are shown, not obeyed, by log", () => {
    const out = stacklog(sb, ["log"]).stdout;
    expectInert(out);
    expect(out).toContain("problem: galera \\e[31mdown\\e[0m^MOVERWRITTEN");
    expect(out).toContain("$ printf '\\e[31mcoloured output\\e[0m");
  });

  it("are shown, not obeyed, by show, which keeps the command's own output as printed", () => {
    const note = stacklog(sb, ["show", "1"]).stdout;
    expectInert(note);
    expect(note).toContain("\ngalera \\e[31mdown\\e[0m^MOVERWRITTEN\n");
    const cmd = stacklog(sb, ["show", "2"]).stdout;
    const [head, output] = cmd.split("\n\n");
    expectInert(head ?? "");
    expect(output).toBe(`${RED}coloured output\x1b[0m\n`);
  });

  it("are shown, not obeyed, by search", () => {
    const out = stacklog(sb, ["search", "galera"]).stdout;
    expectInert(out);
    expect(out).toContain("\\e[31m");
    expect(stacklog(sb, ["search", "second", "--all"]).stdout).toContain(
      `journal ${journalId.slice(-6)} [title] upgrade \\e]0;pwned^G\\e[31mred⏎«second» line`,
    );
  });

  it("are kept as they are with --json", () => {
    const list = stacklogJson<{ journals: { title: string }[] }>(sb, ["list"]);
    expect(list.journals[0]?.title).toBe(TITLE);
    expect(
      stacklogJson<{ event: { payload: { text: string } } }>(sb, ["show", "1"]).event.payload.text,
    ).toBe(NOTE);
  });
});

describe("stacklog list", () => {
  it("names a journal's series once, not again when its title holds them", () => {
    const box = sandbox();
    try {
      stacklog(box, [
        "start",
        "--title",
        "Rehearsal: lab 2023.1 → 2024.1",
        "--from",
        "2023.1",
        "--to",
        "2024.1",
      ]);
      stacklog(box, ["start", "--title", "Upgrade", "--from", "2023.1", "--to", "2024.1"]);
      stacklog(box, [
        "start",
        "--title",
        "Review: Zed → 2024.1",
        "--from",
        "zed",
        "--to",
        "2024.1",
      ]);
      stacklog(box, [
        "plan",
        "--tool",
        "kolla-ansible",
        "--from",
        "zed",
        "--to",
        "2023.1",
        "--start",
      ]);
      const lines = stacklog(box, ["list"]).stdout.trim().split("\n");
      expect(lines.find((l) => l.includes("Review"))).toMatch(/Review: Zed → 2024\.1$/);
      expect(lines.find((l) => l.includes("kolla-ansible upgrade"))).toMatch(/ → [a-z]+$/);
      expect(lines.find((l) => l.includes("Rehearsal"))).toMatch(
        /Rehearsal: lab 2023\.1 → 2024\.1$/,
      );
      expect(lines.find((l) => l.includes("Upgrade"))).toMatch(/Upgrade 2023\.1 → 2024\.1$/);
    } finally {
      box.cleanup();
    }
  });
});
