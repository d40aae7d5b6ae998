import { describe, expect, it } from "vitest";
import { plainTerminalText, stripAnsi, tailText } from "./terminal-text.js";

describe("plainTerminalText", () => {
  it("removes colours, OSC titles and shell marks", () => {
    expect(stripAnsi("\u001b[0;31mfatal\u001b[0m \u001b]0;title\u0007\u001b]133;A\u001b\\ok")).toBe(
      "fatal ok",
    );
  });

  it("keeps the last state of carriage-return progress lines and applies backspaces", () => {
    expect(plainTerminalText("10%\r55%\r100%\r\nab\bc\u0007\n")).toBe("100%\nac\n");
  });
});

describe("tailText", () => {
  it("keeps short text whole", () => {
    expect(tailText("a\nb\n", 100)).toEqual({ text: "a\nb\n", cut: false });
  });

  it("cuts to the byte budget at a line boundary", () => {
    expect(tailText("line one\nline two\nline three\n", 16)).toEqual({
      text: "line three\n",
      cut: true,
    });
  });
});
