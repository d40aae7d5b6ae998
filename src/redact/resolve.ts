import type { LiteralHit } from "./literal-matcher.js";
import type { Span } from "./types.js";

/** A pattern span with the priority of its rule (lower wins the label of a merged region). */
export interface RuleSpan extends Span {
  prio: number;
}

/** Known values chosen leftmost-longest, each starting at or after `lastEnd`. */
export function acceptKnown(hits: LiteralHit[], lastEnd: number, labels: string[]): Span[] {
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  let end = lastEnd;
  for (const h of hits) {
    if (h.start < end) continue;
    out.push({ start: h.start, end: h.end, label: labels[h.id] as string });
    end = h.end;
  }
  return out;
}

/** Overlapping pattern spans merged into regions; a region is named by its strongest rule. */
export function mergeRegions(spans: RuleSpan[]): RuleSpan[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: RuleSpan[] = [];
  let cur: RuleSpan | undefined;
  for (const s of spans) {
    if (cur && s.start < cur.end) {
      cur.end = Math.max(cur.end, s.end);
      if (s.prio < cur.prio) Object.assign(cur, { prio: s.prio, label: s.label });
    } else {
      cur = { ...s };
      out.push(cur);
    }
  }
  return out;
}

/** Moves `cut` back until no span straddles it. Both lists are sorted by start. */
export function safeCut(cut: number, known: Span[], regions: Span[]): number {
  let c = cut;
  for (let changed = true; changed; ) {
    changed = false;
    for (const list of [known, regions]) {
      for (const s of list) {
        if (s.start < c && c < s.end) {
          c = s.start;
          changed = true;
        }
      }
    }
  }
  return c;
}

/**
 * Writes `text[0, cut)` with every known span and every uncovered part of a pattern region
 * replaced by `[REDACTED label]`. Known values win over patterns. Both lists are sorted.
 */
export function render(text: string, cut: number, known: Span[], regions: Span[]): string {
  const pieces = hiddenSpans(text, cut, known, regions);
  if (pieces.length === 0) return cut === text.length ? text : text.slice(0, cut);
  const out: string[] = [];
  let pos = 0;
  for (const p of pieces) {
    out.push(text.slice(pos, p.start), `[REDACTED ${p.label}]`);
    pos = p.end;
  }
  out.push(text.slice(pos, cut));
  return out.join("");
}

/** The stretches of `text` before `cut` that `render` replaces, in order, with their labels. */
export function hiddenSpans(text: string, cut: number, known: Span[], regions: Span[]): Span[] {
  const pieces = known.filter((s) => s.start < cut);
  let j = 0;
  for (const r of regions) {
    if (r.start >= cut) break;
    while (j < known.length && (known[j] as Span).end <= r.start) j++;
    subtract(text, r, known, j, pieces);
  }
  return pieces.sort((a, b) => a.start - b.start);
}

/**
 * The parts of `region` no known span covers. A part that is only white space is left as it is:
 * a private key whose lines are known values (a kolla `passwords.yml`) keeps its line breaks and
 * indentation between the lines' replacements.
 */
function subtract(text: string, region: Span, known: Span[], from: number, out: Span[]): void {
  let pos = region.start;
  const add = (start: number, end: number) => {
    if (!/^\s*$/.test(text.slice(start, end))) out.push({ start, end, label: region.label });
  };
  for (let j = from; j < known.length; j++) {
    const k = known[j] as Span;
    if (k.start >= region.end) break;
    if (k.start > pos) add(pos, k.start);
    pos = Math.max(pos, k.end);
  }
  if (pos < region.end) add(pos, region.end);
}
