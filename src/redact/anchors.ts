import { isNameChar, type Rule } from "./rule.js";
import type { CompiledAnchor, CompiledRules } from "./rules.js";

/** A rule to run at an anchor. */
export interface AnchorHit {
  at: number;
  rule: Rule;
  prio: number;
}

export type AnchorVisitor = (at: number, rule: Rule, prio: number) => void;

// `toLowerCase` turns one non-ASCII character into an ASCII letter: the Kelvin sign into `k`.
const KELVIN = "\u212a";

/**
 * One regex that finds where any of `anchors` (lower-case printable ASCII) starts, in either
 * ASCII case. Letters are spelt as classes (`[kK]`) rather than with the `i` flag, whose
 * folding is not `toLowerCase`'s. One irregexp scan is about twice as fast as one `indexOf`
 * per anchor over a lower-cased copy, and copies nothing.
 */
export function anchorFinder(anchors: readonly string[]): RegExp {
  const spell = (a: string) =>
    [...a]
      .map((c) =>
        c >= "a" && c <= "z" ? `[${c}${c.toUpperCase()}]` : c.replace(/[^A-Za-z0-9]/, "\\$&"),
      )
      .join("");
  return new RegExp(anchors.map(spell).join("|"), "g");
}

/**
 * Calls `visit` for every anchor starting in [from, to) of `text` as it would appear in
 * `text.toLowerCase()`, anchor by anchor in the order of `rules.anchors` and by position within
 * each anchor, leaving out a rule's `insideNameOnly` anchors where the character before is not a
 * name character. Reads no further than `to + rules.maxAnchor - 1`.
 */
export function findAnchors(
  text: string,
  from: number,
  to: number,
  rules: CompiledRules,
  visit: AnchorVisitor,
): void {
  if (to <= from) return;
  const end = Math.min(text.length, to + rules.maxAnchor - 1);
  // Never found in one-byte strings, so this costs nothing on the usual log text.
  const kelvin = text.indexOf(KELVIN, from);
  if (kelvin >= 0 && kelvin < end) {
    findInLowerCopy(text, from, to, rules, visit);
    return;
  }
  const list = rules.anchors;
  const found: number[][] = list.map(() => []);
  const re = rules.finder;
  const window = end === text.length ? text : text.slice(0, end);
  re.lastIndex = from;
  for (let m = re.exec(window); m !== null && m.index < to; m = re.exec(window)) {
    const p = m.index;
    const c = window.charCodeAt(p);
    for (const i of rules.byFirst[c >= 65 && c <= 90 ? c | 32 : c] ?? []) {
      const a = list[i] as CompiledAnchor;
      if (a.insideNameOnly && startsName(window, p)) continue;
      if (startsWithFolded(window, p, a.anchor)) (found[i] as number[]).push(p);
    }
    re.lastIndex = p + 1;
  }
  for (let i = 0; i < list.length; i++) {
    const { rules: visits } = list[i] as CompiledAnchor;
    for (const p of found[i] as number[]) visitAll(text, p, visits, visit);
  }
}

function visitAll(
  text: string,
  p: number,
  visits: CompiledAnchor["rules"],
  visit: AnchorVisitor,
): void {
  for (const { rule, prio, insideName } of visits) {
    if (!insideName || !startsName(text, p)) visit(p, rule, prio);
  }
}

// Whether no name character comes right before `at`.
function startsName(text: string, at: number): boolean {
  return at === 0 || !isNameChar(text.charCodeAt(at - 1));
}

// Whether `anchor` (lower-case) starts at `at` of `text` lower-cased in ASCII.
function startsWithFolded(text: string, at: number, anchor: string): boolean {
  if (at + anchor.length > text.length) return false;
  for (let j = 0; j < anchor.length; j++) {
    const c = text.charCodeAt(at + j);
    if ((c >= 65 && c <= 90 ? c | 32 : c) !== anchor.charCodeAt(j)) return false;
  }
  return true;
}

// The exact rule for text holding a Kelvin sign: search a lower-cased copy.
function findInLowerCopy(
  text: string,
  from: number,
  to: number,
  rules: CompiledRules,
  visit: AnchorVisitor,
): void {
  const lower = lowerAscii(text.slice(from, to + rules.maxAnchor - 1));
  const limit = to - from;
  for (const { anchor, rules: list } of rules.anchors) {
    for (let p = lower.indexOf(anchor); p >= 0 && p < limit; p = lower.indexOf(anchor, p + 1)) {
      visitAll(text, from + p, list, visit);
    }
  }
}

// Lower-cases without changing length (`toLowerCase` turns some characters, such as `İ`, into
// two). Anchors are printable ASCII, so anything else may become `?`.
function lowerAscii(s: string): string {
  const lower = s.toLowerCase();
  if (lower.length === s.length) return lower;
  return s.replace(/[^ -~]/g, "?").toLowerCase();
}

/** Finds line ends quickly for anchors visited in increasing order; -1 when none. */
export class LineEnds {
  private from = Number.POSITIVE_INFINITY;
  private pos = -1;

  constructor(private readonly text: string) {}

  after(at: number): number {
    if (at < this.from || (this.pos >= 0 && this.pos < at)) {
      this.from = at;
      this.pos = this.text.indexOf("\n", at);
    }
    return this.pos;
  }
}

/** Start of the line holding `at`, looking back no further than `lo`. */
export function lineStart(text: string, at: number, lo: number): number {
  for (let i = at - 1; i >= lo; i--) if (text.charCodeAt(i) === 10) return i + 1;
  return lo;
}
