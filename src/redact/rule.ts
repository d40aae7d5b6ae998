import type { Span } from "./types.js";

/**
 * A pattern rule. The engine finds its anchors (lower-case literals) in the lower-cased text
 * and calls `hits` for each; the rule reads only `text[lo, hi)` so that its answer is the same
 * whether the text arrives whole or in chunks.
 */
export interface Rule {
  readonly id: string;
  readonly anchors: readonly string[];
  /** How far before the anchor the rule reads (and a hit may start). */
  readonly back: number;
  /** How far from the anchor the rule reads (and a hit may end). */
  readonly fwd: number;
  /** Reads only the anchor's line: `lo`/`hi` then stop at line ends. */
  readonly lineLocal: boolean;
  /**
   * Anchors (also listed in `anchors`) at which the rule can only find something when they do
   * not start a name: the engine skips them where the character before is not a name character
   * (see `isNameChar`), without calling `hits`.
   */
  readonly insideNameOnly?: readonly string[];
  /**
   * The spans to hide for the anchor at `at`, or null when the answer depends on text beyond
   * `hi` that has not arrived (`complete` is false).
   */
  hits(text: string, at: number, lo: number, hi: number, complete: boolean): Span[] | null;
}

/** Length of the run of characters matching `ok` from `from`, not passing `hi`. */
export function runLength(
  text: string,
  from: number,
  hi: number,
  ok: (c: number) => boolean,
): number {
  let i = from;
  while (i < hi && ok(text.charCodeAt(i))) i++;
  return i - from;
}

/** Characters of key names: letters, digits, `_`, `-` and `.`. */
export function isNameChar(c: number): boolean {
  return isWordChar(c) || c === 45 || c === 46;
}

export function isAlnum(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export function isWordChar(c: number): boolean {
  return isAlnum(c) || c === 95;
}

/** Characters of URL-safe base64 (Fernet tokens, Vault tokens). */
export function isTokenChar(c: number): boolean {
  return isWordChar(c) || c === 45;
}

export function isBase64Char(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 47;
}

/** Skips spaces, tabs and ANSI SGR sequences (`ESC [ ... m`), which colour the middle of lines. */
export function skipBlank(text: string, from: number, hi: number): number {
  let i = from;
  while (i < hi) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) i++;
    else if (c === 27 && text.charCodeAt(i + 1) === 91) i = skipSgr(text, i + 2, hi);
    else break;
  }
  return i;
}

function skipSgr(text: string, from: number, hi: number): number {
  let i = from;
  while (i < hi) {
    const c = text.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 59) i++;
    else return c === 109 ? i + 1 : i;
  }
  return i;
}
