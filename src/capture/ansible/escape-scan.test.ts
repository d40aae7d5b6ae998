import { describe, expect, it } from "vitest";
import { escapeEnd } from "./escape-scan.js";

const ESC = "\u001b";

describe("escapeEnd", () => {
  it.each([
    [`${ESC}[0;31mfatal`, 7],
    [`${ESC}[?25lx`, 6],
    [`${ESC}[1 qx`, 5],
    [`${ESC}]0;title\u0007x`, 10],
    [`${ESC}]133;A${ESC}\\x`, 9],
    [`${ESC}]0;cut${ESC}[0m`, 7],
    [`${ESC}]0;to the end`, 14],
    [`${ESC}(Bx`, 3],
    [`${ESC}Mx`, 2],
    [`${ESC}_x`, 2],
  ])("finds the end of the sequence opening %j at %i", (text, end) => {
    expect(escapeEnd(text, 0, text.length)).toBe(end);
  });

  it.each([`${ESC}[0;31`, `${ESC}(`, `${ESC}(!`, `${ESC}x`, `${ESC}${ESC}[0m`, ESC])(
    "leaves an ESC that opens no sequence as text: %j",
    (text) => {
      expect(escapeEnd(text, 0, text.length)).toBe(-1);
    },
  );

  it("reads no further than the limit it is given", () => {
    expect(escapeEnd(`${ESC}[0m`, 0, 3)).toBe(-1);
    expect(escapeEnd(`${ESC}]0;title\u0007`, 0, 5)).toBe(5);
  });
});
