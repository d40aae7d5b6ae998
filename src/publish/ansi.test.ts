import { describe, expect, it } from "vitest";
import { ansiToHtml, stripAnsi } from "./ansi.js";

const h = (s: string) => String(ansiToHtml(s));

describe("ansiToHtml", () => {
  it("maps the 16 colours to classes", () => {
    expect(h("\x1b[31mred\x1b[0m \x1b[1;92mok\x1b[m")).toBe(
      '<span class="a-f1">red</span> <span class="a-f10 a-bold">ok</span>',
    );
  });

  it("maps 256-colour and truecolor to inline colours", () => {
    expect(h("\x1b[38;5;196mx\x1b[48;2;1;2;3my")).toBe(
      '<span style="color:#ff0000">x</span><span style="color:#ff0000;background:#010203">y</span>',
    );
    expect(h("\x1b[38:2::10:20:30mz")).toBe('<span style="color:#0a141e">z</span>');
  });

  it("swaps colours for inverse video", () => {
    expect(h("\x1b[7;32mi")).toBe('<span class="a-b2 a-ifg">i</span>');
  });

  it("drops cursor movement, title and hyperlink sequences but keeps their text", () => {
    const link = "\x1b]8;;javascript:alert(1)\x1b\\click\x1b]8;;\x1b\\";
    expect(h(`\x1b[2K\x1b[1Gdone ${link}\x1b]0;<title>\x07!`)).toBe("done click!");
  });

  it("never lets output bytes make markup, even inside sequences", () => {
    const out = h(
      '\x1b[31m<script>alert(1)</script>\x1b]8;;"><img src=x onerror=alert(1)>\x07a\x1b[38;2;<b>m',
    );
    expect(out).not.toMatch(/<(script|img|b)\b/);
    expect(out).toContain("&lt;script&gt;");
  });

  it("shows a line overwritten by a carriage return as the terminal does", () => {
    expect(h("10%\r50%\r100%\nnext\r\n")).toBe("100%\nnext\n");
  });

  it("drops other control characters", () => {
    expect(h("a\x00b\x07c\x08d\x9b31me")).toBe('abcd<span class="a-f1">e</span>');
  });
});

describe("stripAnsi", () => {
  it("leaves plain text", () => {
    expect(stripAnsi("\x1b[1mTASK [x]\x1b[0m ***\r\n")).toBe("TASK [x] ***\n");
  });
});
