import { isWordChar, type Rule, skipBlank } from "./rule.js";
import type { Span } from "./types.js";
import { harmlessValue, valueEnd } from "./values.js";

const TOKEN_HEADERS = ["x-auth-", "x-subject-", "x-service-"];
const SCHEMES = /^(?:bearer|basic|token|negotiate)$/i;

/**
 * Credentials in HTTP headers as curl commands, debug logs and Python dicts show them:
 * `X-Auth-Token`, `X-Subject-Token`, `X-Service-Token` and `Authorization` (after its scheme).
 */
export const headerRule: Rule = {
  id: "auth-header",
  anchors: ["token", "authorization"],
  back: 12,
  fwd: 4096,
  lineLocal: true,
  hits(text, at, lo, hi, complete) {
    if (!complete) return null;
    const lower = text.slice(Math.max(lo, at - 11), at).toLowerCase();
    const isAuthz = text.slice(at, at + 13).toLowerCase() === "authorization";
    const prefix = TOKEN_HEADERS.find((p) => lower.endsWith(p));
    if (!isAuthz && (!prefix || text.slice(at, at + 5).toLowerCase() !== "token")) return [];
    const nameStart = isAuthz ? at : at - (prefix?.length ?? 0);
    if (nameStart > lo && isWordChar(text.charCodeAt(nameStart - 1))) return [];
    const label = text.slice(nameStart, at + (isAuthz ? 13 : 5)).toLowerCase();
    return valueAfter(text, at + (isAuthz ? 13 : 5), hi, label, isAuthz);
  },
};

function valueAfter(
  text: string,
  from: number,
  hi: number,
  label: string,
  scheme: boolean,
): Span[] {
  let i = from;
  const q = text[i];
  if (q === '"' || q === "'") i++;
  i = skipBlank(text, i, hi);
  if (text[i] !== ":") return [];
  i = skipQuote(text, skipBlank(text, i + 1, hi));
  if (scheme) {
    const word = /^[A-Za-z]+/.exec(text.slice(i, Math.min(hi, i + 12)))?.[0] ?? "";
    if (SCHEMES.test(word) && text.charCodeAt(i + word.length) === 32) {
      i = skipBlank(text, i + word.length, hi);
    }
  }
  const end = valueEnd(text, i, hi, null);
  const value = text.slice(i, end);
  return harmlessValue(value) ? [] : [{ start: i, end, label }];
}

function skipQuote(text: string, i: number): number {
  const c = text[i];
  return c === '"' || c === "'" ? i + 1 : i;
}
