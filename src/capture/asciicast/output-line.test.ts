import { describe, expect, it } from "vitest";
import { OutputLine } from "./output-line.js";

function fed(...writes: string[]): OutputLine {
  const line = new OutputLine();
  for (const w of writes) line.feed(w);
  return line;
}

describe("OutputLine", () => {
  it("holds the text written since the last newline", () => {
    expect(fed("a\r\nb", "c").text).toBe("bc");
  });

  it("leaves out a full-screen program's drawing and goes back to the line it started on", () => {
    const line = fed("$ vim\r\nX", "\x1b[?1049h\x1b[2;1H~\x1b[3;1H~", "\x1b[?1049l$ ");
    expect(line.text).toBe("X$ ");
    expect(line.writtenFrom).toBe(1);
    expect(line.fullScreen).toBe(false);
  });

  it("takes a terminal reset for the end of a full-screen program", () => {
    const line = fed("a", "\x1b[?1049hdrawing", "\x1bc$ ");
    expect([line.text, line.fullScreen]).toEqual(["a$ ", false]);
  });

  it("sees a switch to or from the alternate screen cut across writes", () => {
    const line = fed("a\x1b[?10", "49hdrawing\x1b[?1", "049lb");
    expect(line.text).toBe("ab");
  });

  it("keeps only what follows the last carriage return of a very long line", () => {
    const line = fed(`${"x".repeat(5000)}\r50%`);
    expect(line.text).toBe("\r50%");
  });
});
