import { describe, expect, it } from "vitest";
import { LiteralMatcher } from "./literal-matcher.js";

function all(m: LiteralMatcher, text: string): [number, number][] {
  const out: [number, number][] = [];
  m.scan(text, 0, text.length, (h) => out.push([h.start, h.id]));
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe("LiteralMatcher", () => {
  it("finds every occurrence of short, medium and long literals, overlapping ones too", () => {
    const lits = ["abcdef", "bcdefgh", "0123456789abcdefXYZ", "Q".repeat(30)].map((text, id) => ({
      text,
      id,
    }));
    const m = new LiteralMatcher(lits);
    const text = `xxabcdefgh yy 0123456789abcdefXYZ ${"Q".repeat(31)} abcdef`;
    expect(all(m, text)).toEqual([
      [2, 0],
      [3, 1],
      [14, 2],
      [24, 0],
      [34, 3],
      [35, 3],
      [66, 0],
    ]);
  });

  it("agrees with indexOf on random text", () => {
    let s = 9;
    const rand = () => {
      s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
      return s;
    };
    const text = Array.from({ length: 20_000 }, () => "abcde"[rand() % 5]).join("");
    const lits = Array.from({ length: 40 }, (_, id) => ({
      text: text.slice(id * 400, id * 400 + 6 + (id % 30)),
      id,
    }));
    const expected: [number, number][] = [];
    for (const l of lits) {
      for (let p = text.indexOf(l.text); p >= 0; p = text.indexOf(l.text, p + 1))
        expected.push([p, l.id]);
    }
    expected.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(all(new LiteralMatcher(lits), text)).toEqual(expected);
  });

  it("reports only occurrences that start in the asked range and end inside the text", () => {
    const m = new LiteralMatcher([{ text: "secret-1", id: 0 }]);
    const hits: number[] = [];
    m.scan("secret-1 secret-1 secret-", 1, 25, (h) => hits.push(h.start));
    expect(hits).toEqual([9]);
  });
});
