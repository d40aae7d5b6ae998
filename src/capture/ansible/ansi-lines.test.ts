import { describe, expect, it } from "vitest";
import { createLineSplitter } from "./ansi-lines.js";

const ESC = "\u001b";

function split(chunks: string[], maxChars = 1000): { lines: [string, boolean][]; long: number } {
  const lines: [string, boolean][] = [];
  let long = 0;
  const splitter = createLineSplitter(
    (src, start, end, hasCr) => lines.push([src.slice(start, end), hasCr]),
    maxChars,
    () => long++,
  );
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return { lines, long };
}

describe("createLineSplitter", () => {
  it("strips colours, OSC marks and the CR of CRLF wherever the escapes sit", () => {
    const text = [
      `${ESC}[0;32mok: [a]${ESC}[0m\r`,
      `${ESC}]133;A${ESC}\\plain ${ESC}[1mbold${ESC}[0m end`,
      `${ESC}]0;title\u0007`,
      `kept ${ESC}x escape\r\r`,
      "progress 10%\rprogress 100%",
    ].join("\n");
    const expected = [
      ["ok: [a]", false],
      ["plain bold end", false],
      ["", false],
      [`kept ${ESC}x escape`, false],
      ["progress 10%\rprogress 100%", true],
    ];
    expect(split([text]).lines).toEqual(expected);
    expect(split(text.match(/[\s\S]{1,3}/g) ?? []).lines).toEqual(expected);
  });

  it("cuts lines longer than the cap, escapes not counted, and counts them", () => {
    const { lines, long } = split([`${ESC}[31m${"x".repeat(12)}${ESC}[0m\nshort\n`], 10);
    expect(lines).toEqual([
      ["x".repeat(10), false],
      ["short", false],
    ]);
    expect(long).toBe(1);
  });
});
