import { isAlnum, type Rule, runLength } from "./rule.js";
import type { Span } from "./types.js";
import { harmlessValue } from "./values.js";

// Characters that end one `user:password@host:port` item of an authority.
const END = new Set([..." \t\r\n/?#\"'`<>\\)]},\x1b"].map((c) => c.charCodeAt(0)));

function isSchemeChar(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 45 || c === 46;
}

/**
 * Passwords in URLs of any scheme (`mysql+pymysql://`, `amqp://`, `https://`), including every
 * comma-separated host of an oslo.messaging `rabbit://u:p@h1,u:p@h2//` transport URL.
 */
export const urlRule: Rule = {
  id: "url-password",
  anchors: ["://"],
  back: 1,
  fwd: 4096,
  lineLocal: true,
  hits(text, at, lo, hi, complete) {
    if (!complete) return null;
    if (at <= lo || !isSchemeChar(text.charCodeAt(at - 1))) return [];
    const spans: Span[] = [];
    let pos = at + 3;
    while (pos < hi) {
      const end = pos + runLength(text, pos, hi, (c) => !END.has(c));
      const span = passwordIn(text, pos, end);
      if (span) spans.push(span);
      if (text.charCodeAt(end) !== 44 || end >= hi) break;
      pos = end + 1;
    }
    return spans;
  },
};

function passwordIn(text: string, from: number, to: number): Span | null {
  const at = text.lastIndexOf("@", to - 1);
  if (at < from) return null;
  const colon = text.indexOf(":", from);
  if (colon < 0 || colon >= at - 1) return null;
  if (harmlessValue(text.slice(colon + 1, at))) return null;
  return { start: colon + 1, end: at, label: "url-password" };
}
