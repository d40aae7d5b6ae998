import { type AnchorHit, findAnchors, LineEnds, lineStart } from "./anchors.js";
import type { LiteralHit, LiteralMatcher } from "./literal-matcher.js";
import {
  acceptKnown,
  hiddenSpans,
  mergeRegions,
  type RuleSpan,
  render,
  safeCut,
} from "./resolve.js";
import type { Rule } from "./rule.js";
import type { CompiledRules } from "./rules.js";
import type { Span } from "./types.js";

/** What a redactor compiles once and every stream shares. */
export interface Compiled {
  literals: LiteralMatcher;
  labels: string[];
  rules: CompiledRules | null;
}

/**
 * The redaction state of one stream. Positions are relative to `buf`, which starts at the
 * first character not yet written out. Known values are searched up to `k`, anchors up to `a`;
 * everything found so far that starts in the buffer is kept in `known` and `spans`, and
 * anchors whose rule needs more text wait in `pending`.
 */
export class Engine {
  private buf = "";
  private k = 0;
  private a = 0;
  private known: LiteralHit[] = [];
  private spans: RuleSpan[] = [];
  private pending: AnchorHit[] = [];
  private lastKnownEnd = 0;

  /** `onHidden` hears each stretch the pattern rules hide, with its label, as it is written out. */
  constructor(
    private readonly c: Compiled,
    private readonly onHidden?: (text: string, label: string) => void,
  ) {}

  /**
   * The output has paused: writes out all that is held when it ends a line and nothing found
   * so far can run on past that line's end — no rule waits for more text (a private key's header
   * without its footer yet) and no known value holds a line break. What comes later is then
   * searched from a new line, as it would have been. Otherwise writes out nothing.
   */
  settle(): string {
    if (!this.buf.endsWith("\n") || this.pending.length > 0 || this.c.literals.multiLine) return "";
    return this.feed("", true);
  }

  /** Adds text and returns what can be written out now (all of it when `final`). */
  feed(chunk: string, final: boolean): string {
    this.buf = join(this.buf, chunk);
    const hold = Math.max(0, Math.min(this.scanKnown(final), this.scanAnchors(final)));
    return this.emit(final ? this.buf.length : hold);
  }

  // Returns how far known values are settled.
  private scanKnown(final: boolean): number {
    const t = this.buf.length;
    const lit = this.c.literals;
    const to = final ? t : Math.max(this.k, t - lit.maxLength + 1);
    if (to > this.k && lit.size > 0) lit.scan(this.buf, this.k, to, (h) => this.known.push(h));
    this.k = to;
    return to;
  }

  // Returns how far pattern spans are settled.
  private scanAnchors(final: boolean): number {
    const rules = this.c.rules;
    const t = this.buf.length;
    if (!rules) return t;
    const lines = new LineEnds(this.buf);
    const waiting = this.pending;
    this.pending = [];
    for (const h of waiting) this.run(h.at, h.rule, h.prio, final, lines);
    const to = final ? t : Math.max(this.a, t - rules.maxAnchor + 1);
    findAnchors(this.buf, this.a, to, rules, (at, rule, prio) =>
      this.run(at, rule, prio, final, lines),
    );
    this.a = to;
    const first = this.pending.reduce((m, h) => Math.min(m, h.at), to);
    return first - rules.maxBack;
  }

  private run(at: number, rule: Rule, prio: number, final: boolean, lines: LineEnds): void {
    const t = this.buf.length;
    let lo = Math.max(0, at - rule.back);
    let hi = Math.min(t, at + rule.fwd);
    if (rule.lineLocal) {
      lo = lineStart(this.buf, at, lo);
      const nl = lines.after(at);
      if (nl >= 0 && nl < hi) hi = nl;
    }
    const complete = final || hi < t || at + rule.fwd <= t;
    const spans: Span[] | null = rule.hits(this.buf, at, lo, hi, complete);
    if (spans === null) this.pending.push({ at, rule, prio });
    else for (const s of spans) this.spans.push({ ...s, prio });
  }

  /** What a one-shot redaction of `text` hides: its stretches and labels (a fresh engine only). */
  hiddenIn(text: string): Span[] {
    this.buf = text;
    this.scanKnown(true);
    this.scanAnchors(true);
    const known = acceptKnown(this.known, this.lastKnownEnd, this.c.labels);
    return hiddenSpans(text, text.length, known, mergeRegions(this.spans));
  }

  private emit(hold: number): string {
    const known = acceptKnown(
      this.known.filter((h) => h.start < hold),
      this.lastKnownEnd,
      this.c.labels,
    );
    const regions = mergeRegions(this.spans.filter((s) => s.start < hold));
    const cut = safeCut(hold, known, regions);
    const kept = known.filter((s) => s.start < cut);
    if (this.onHidden)
      for (const r of regions)
        if (r.start < cut) this.onHidden(this.buf.slice(r.start, r.end), r.label);
    const out = render(this.buf, cut, kept, regions);
    const last = kept[kept.length - 1];
    this.lastKnownEnd = Math.max(this.lastKnownEnd, last ? last.end : 0) - cut;
    this.shift(cut);
    return out;
  }

  private shift(cut: number): void {
    if (cut === 0) return;
    this.buf = this.buf.slice(cut);
    this.k -= cut;
    this.a -= cut;
    this.known = this.known.filter((h) => h.start >= cut);
    for (const h of this.known) {
      h.start -= cut;
      h.end -= cut;
    }
    for (const h of this.pending) h.at -= cut;
    this.spans = this.spans.filter((s) => s.start >= cut);
    for (const s of this.spans) {
      s.start -= cut;
      s.end -= cut;
    }
  }
}

// `a + b` makes a rope, which every `charCodeAt` of the scans then walks through (half the
// speed); `join` copies both into one flat string, which the first scan would do anyway.
function join(a: string, b: string): string {
  if (a === "") return b;
  return b === "" ? a : [a, b].join("");
}
