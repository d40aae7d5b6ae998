import type { Rule } from "./rule.js";
import type { CompiledRules } from "./rules.js";

/** A rule to run at an anchor. */
export interface AnchorHit {
  at: number;
  rule: Rule;
  prio: number;
}

export type AnchorVisitor = (at: number, rule: Rule, prio: number) => void;

/**
 * Calls `visit` for every anchor starting in [from, to) of `text`. Anchors are searched with
 * `indexOf` in a lower-cased copy: a handful of native scans is far faster than one regex
 * alternation over the same words.
 */
export function findAnchors(
  text: string,
  from: number,
  to: number,
  rules: CompiledRules,
  visit: AnchorVisitor,
): void {
  if (to <= from) return;
  const lower = lowerAscii(text.slice(from, to + rules.maxAnchor - 1));
  const limit = to - from;
  for (const { anchor, rules: list } of rules.anchors) {
    for (let p = lower.indexOf(anchor); p >= 0 && p < limit; p = lower.indexOf(anchor, p + 1)) {
      for (const { rule, prio } of list) visit(from + p, rule, prio);
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
