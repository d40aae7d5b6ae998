import { describe, expect, it } from "vitest";
import { parseMark, percentDecode } from "./marks.js";

const NONCE = "0123abcd";

// What __stacklog_pct in shell/common.bash does: only these characters are escaped, every other
// one (multi-byte UTF-8 included) is sent as it is.
const ESCAPED = new Set(["%", ";", "\\", "\t", "\n", "\r", "\x07", "\x1b", "\x18", "\x1a"]);
function encodeAsTheScriptsDo(s: string): string {
  const hex = (c: string) => c.charCodeAt(0).toString(16).padStart(2, "0").toUpperCase();
  return [...s].map((c) => (ESCAPED.has(c) ? `%${hex(c)}` : c)).join("");
}

describe("parseMark", () => {
  it("reads back a command line and cwd holding an emoji next to an escaped character", () => {
    const body = `start;${NONCE};${encodeAsTheScriptsDo("/tmp/r🚀;x")};${encodeAsTheScriptsDo('echo "deploy 🚀"; true')}`;
    expect(parseMark(body, NONCE)).toEqual({
      kind: "start",
      cwd: "/tmp/r🚀;x",
      line: 'echo "deploy 🚀"; true',
    });
  });
});

describe("percentDecode", () => {
  it.each([
    ["an emoji", 'echo "deploy 🚀"; true'],
    ["emoji that are surrogate pairs and joined sequences", "👩‍👩‍👧 🏳️‍🌈 𝄞; done"],
    ["CJK", "cd 設定/ファイル; ls"],
    ["combining marks", "touch cafe\u0301; echo a\u0308\u0301"],
    ["a multi-line command", "for i in 1 2; do\n  echo 🚀 $i\ndone"],
    ["every escaped character", "100% \\ \t \r \x07 \x1b \x18 \x1a ; \n"],
  ])("gives back %s exactly as typed", (_, typed) => {
    expect(percentDecode(encodeAsTheScriptsDo(typed))).toBe(typed);
  });

  it("decodes escaped UTF-8, as older scripts may have written it", () => {
    expect(percentDecode("caf%C3%A9 %F0%9F%9A%80")).toBe("café 🚀");
  });

  // The scripts escape every %, so one that starts no valid escape can only be text as typed.
  it.each([
    ["a lone percent", "50% off", "50% off"],
    ["a percent at the end", "rate 5%", "rate 5%"],
    ["a percent and one hex digit at the end", "x%4", "x%4"],
    ["a percent before non-hex characters", "printf %ZZ%s", "printf %ZZ%s"],
    ["escaped bytes cut short of a character", "a%E2%82b", "a%E2%82b"],
    ["escaped bytes that are never UTF-8", "%FF%C0%AF", "%FF%C0%AF"],
    ["an escaped half character before an escaped ;", "🚀%E2%82%3B%0A", "🚀%E2%82;\n"],
  ])("keeps %s as written", (_, encoded, shown) => {
    expect(percentDecode(encoded)).toBe(shown);
  });
});
