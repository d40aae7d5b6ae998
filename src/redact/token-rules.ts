import { isAlnum, isBase64Char, isTokenChar, isWordChar, type Rule, runLength } from "./rule.js";
import type { Span } from "./types.js";

const FERNET_MIN = 80;

/** Keystone Fernet tokens: URL-safe base64 of a 0x80 version byte, so they begin `gAAAAA`. */
export const fernetRule: Rule = {
  id: "fernet-token",
  anchors: ["gaaaaa"],
  back: 1,
  fwd: 1024,
  lineLocal: true,
  hits(text, at, lo, hi, complete) {
    if (!complete) return null;
    if (!text.startsWith("gAAAAA", at) || (at > lo && isTokenChar(text.charCodeAt(at - 1))))
      return [];
    let n = runLength(text, at, hi, isTokenChar);
    n += runLength(text, at + n, hi, (c) => c === 61);
    return n >= FERNET_MIN ? [{ start: at, end: at + n, label: "fernet-token" }] : [];
  },
};

/** HashiCorp Vault tokens: `hvs.` (service), `hvb.` (batch), and legacy `s.` + 24 characters. */
export const vaultRule: Rule = {
  id: "vault-token",
  anchors: ["hv", "s."],
  back: 1,
  fwd: 320,
  lineLocal: true,
  hits(text, at, lo, hi, complete) {
    if (!complete) return null;
    if (at > lo && isWordChar(text.charCodeAt(at - 1))) return [];
    const hit = (n: number): Span[] => [{ start: at, end: at + n, label: "vault-token" }];
    if (text.startsWith("hvs.", at) || text.startsWith("hvb.", at)) {
      const n = 4 + runLength(text, at + 4, hi, isTokenChar);
      const min = text.startsWith("hvs.", at) ? 90 : 138;
      return n - 4 >= min ? hit(n) : [];
    }
    if (!text.startsWith("s.", at)) return [];
    const n = runLength(text, at + 2, hi, isAlnum);
    const after = at + 2 + n < hi ? text.charCodeAt(at + 2 + n) : 32;
    return n === 24 && !isWordChar(after) ? hit(n + 2) : [];
  },
};

const CEPH_BODY = 38;

/** Ceph keys: base64 of 28 bytes starting 01 00, so `AQ` + 36 characters + `==`. */
export const cephRule: Rule = {
  id: "ceph-key",
  anchors: ["=="],
  back: CEPH_BODY + 1,
  fwd: 2,
  lineLocal: true,
  hits(text, at, lo, _hi, complete) {
    if (!complete) return null;
    const start = at - CEPH_BODY;
    if (start < lo || !text.startsWith("AQ", start)) return [];
    if (runLength(text, start, at, isBase64Char) !== CEPH_BODY) return [];
    if (start > lo && isBase64Char(text.charCodeAt(start - 1))) return [];
    return [{ start, end: at + 2, label: "ceph-key" }];
  },
};
