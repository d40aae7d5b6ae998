import type { Rule } from "./rule.js";

const HEADER = /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/y;
const HEADER_MAX = 140;
const FOOTER = /-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/;
// Lines of base64 after a header whose footer never came (a truncated or elided key), each
// after a newline or an escaped one (keys inside JSON strings).
const BODY = /(?:(?:\r?\n|\\n)[ \t]*[A-Za-z0-9+/=]{16,}[ \t]*)*/y;

/**
 * PEM and OpenSSH private keys, across lines (real or `\n`-escaped), up to 32 KB. A header
 * without a footer hides the base64 lines that follow it.
 */
export const privateKeyRule: Rule = {
  id: "private-key",
  // `begin` is found faster than `-----begin`: dashes are common in logs, `b` is not.
  anchors: ["begin"],
  back: 5,
  fwd: 32 * 1024,
  lineLocal: false,
  hits(text, begin, lo, hi, complete) {
    const at = begin - 5;
    if (at < lo || !text.startsWith("-----", at)) return [];
    const head = text.slice(at, Math.min(hi, at + HEADER_MAX));
    HEADER.lastIndex = 0;
    const h = HEADER.exec(head);
    if (!h) return complete || head.length === HEADER_MAX || head.includes("\n") ? [] : null;
    const bodyStart = at + h[0].length;
    const rest = text.slice(bodyStart, hi);
    const f = FOOTER.exec(rest);
    if (f) return [{ start: at, end: bodyStart + f.index + f[0].length, label: "private-key" }];
    if (!complete) return null;
    BODY.lastIndex = 0;
    const body = BODY.exec(rest);
    return [{ start: at, end: bodyStart + (body?.[0].length ?? 0), label: "private-key" }];
  },
};
