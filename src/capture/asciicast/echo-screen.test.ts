import { describe, expect, it } from "vitest";
import { EchoScreen, typedLine } from "./echo-screen.js";

describe("typedLine", () => {
  it("reads the typed line back from a plain echo", () => {
    expect(typedLine("$ ", "echo hi\r\n")).toBe("echo hi");
  });

  it("applies backspaces, erase-to-end and cursor moves the way readline draws them", () => {
    expect(typedLine("$ ", "echo abcdef\b\x1b[K\b\x1b[K\b\bXcd\b\b\r\n")).toBe("echo abXcd");
    expect(typedLine("$ ", "lss\b \b\r\n")).toBe("ls");
    expect(typedLine("$ ", "ecoh\x1b[2D\x1b[Ph\x1b[C\r\n")).toBe("ech");
  });

  it("drops colours, bracketed-paste switches and OSC sequences from the echo", () => {
    expect(
      typedLine("\x1b[1m$ \x1b[0m", "\x1b[32mls\x1b[0m\x1b]0;title\x07\r\n\x1b[?2004l\r"),
    ).toBe("ls");
  });

  it("joins a line that wrapped at the terminal width back into one line", () => {
    // readline forces the wrap by writing a space and CR once the cursor reaches the right margin.
    expect(typedLine("ab$ ", "echo 1 \r234567890\r\n", 10)).toBe("echo 1234567890");
  });

  it("keeps the lines of a multi-line command apart", () => {
    expect(typedLine("$ ", "for i in 1 2\r\ndo echo $i\r\ndone\r\n")).toBe(
      "for i in 1 2\ndo echo $i\ndone",
    );
  });

  it("ignores a prompt redrawn from column 0", () => {
    expect(typedLine("$ ", "gti\r$ git\r\n")).toBe("git");
  });
});

describe("EchoScreen", () => {
  it("shows the text before the cursor on its row", () => {
    const screen = new EchoScreen(80);
    screen.write("output\r\nuser@host:~$ ");
    expect(screen.lineBeforeCursor()).toBe("user@host:~$ ");
  });

  it("tells where in the text written a character on the cursor's row came from", () => {
    const screen = new EchoScreen(10);
    screen.write("abc\r\n");
    screen.write("0123456789xy\r\x1b[1mZ");
    // "xy" wrapped onto the cursor's row; Z then overwrote x
    expect(screen.lineBeforeCursor()).toBe("Z");
    expect(screen.originOnCursorRow(0)).toBe("abc\r\n0123456789xy\r\x1b[1m".length);
    expect(screen.originOnCursorRow(1)).toBeUndefined();
  });
});
