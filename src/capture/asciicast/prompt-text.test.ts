import { describe, expect, it } from "vitest";
import {
  afterContinuationPrompt,
  cursorRow,
  isPrompt,
  PromptBook,
  promptSpLength,
  promptStart,
} from "./prompt-text.js";

describe("prompt text", () => {
  it("spots prompts ending in `$ ` or `# `", () => {
    expect(["user@host:~$ ", "root@vm:/etc# ", "$ "].map(isPrompt)).toEqual([true, true, true]);
    expect(["50% ", "> ", "done"].map(isPrompt)).toEqual([false, false, false]);
  });

  it("reads what follows bash's, dash's and zsh's continuation prompts", () => {
    expect(afterContinuationPrompt("> ")).toBe("");
    expect(afterContinuationPrompt(">")).toBe("");
    expect(afterContinuationPrompt("for dquote> echo x")).toBe("echo x");
    expect(afterContinuationPrompt("r1")).toBeNull();
  });

  it("finds where a prompt drawn after output starts, with the escapes written before it", () => {
    const text = "partial\x1b[?2004h\x1b[1;32mroot@vm\x1b[0m# ";
    const row = cursorRow(text, 80);
    expect(row.screen.lineBeforeCursor()).toBe("partialroot@vm# ");
    expect(promptStart(text, row, 7, 0)).toBe("partial".length);
    expect(promptStart(text, row, 7, 9)).toBe(15);
  });

  it("measures zsh's PROMPT_SP at the end of output, and nothing else", () => {
    const sp = `\x1b[1m\x1b[7m%\x1b[27m\x1b[1m\x1b[0m${" ".repeat(79)}\r `;
    expect(promptSpLength(`no newline${sp}`)).toBe(sp.length);
    expect(promptSpLength("ok\r\n")).toBe(0);
  });
});

describe("PromptBook", () => {
  it("starts the prompt on a line at the most often seen prompt ending it, the shorter of equals", () => {
    const book = new PromptBook();
    for (const p of ["root@vm:~# ", "outroot@vm:~# ", "# ", "root@vm:~# "]) book.add(p);
    expect(book.startIn("more outputroot@vm:~# ")).toBe("more output".length);
    const once = new PromptBook();
    for (const p of ["$ ", "c$ "]) once.add(p);
    expect(once.startIn("c$ ")).toBe(1);
    expect(once.startIn("no prompt")).toBe(0);
  });

  it("reads the command after the longest known prompt starting a line", () => {
    const book = new PromptBook();
    for (const p of ["$ ", "stacklog$ "]) book.add(p);
    expect(book.typedAfter("stacklog$ echo hi")).toBe("echo hi");
    expect(book.typedAfter("stacklog$ ")).toBeNull();
    expect(book.typedAfter("hello $ there")).toBeNull();
  });
});
