/** An exact string to find, by index into the caller's list. */
export interface Literal {
  text: string;
  id: number;
}

/** A place where a literal occurs. */
export interface LiteralHit {
  start: number;
  end: number;
  id: number;
}

/**
 * Finds many literals at once. A single alternation regex of hundreds of strings runs at a few
 * MB/s, so this is Wu–Manber: a table over 2- or 3-character blocks says how far the window
 * may jump; only windows whose last block ends some literal's prefix are checked. Literals are
 * grouped by length so that long ones (most generated passwords) allow long jumps even when a
 * few short values exist.
 */
export class LiteralMatcher {
  readonly maxLength: number;
  readonly size: number;
  /** Some literal holds a line break (it can run on past a line's end). */
  readonly multiLine: boolean;
  private readonly tiers: Tier[];

  constructor(literals: Literal[]) {
    this.size = literals.length;
    this.multiLine = literals.some((l) => l.text.includes("\n"));
    this.maxLength = literals.reduce((m, l) => Math.max(m, l.text.length), 0);
    const groups = TIER_BOUNDS.map((lo, i) =>
      literals.filter(
        (l) => l.text.length >= lo && l.text.length < (TIER_BOUNDS[i + 1] ?? Infinity),
      ),
    );
    this.tiers = groups.filter((g) => g.length > 0).map((g) => new Tier(g));
  }

  /** Calls `hit` for every occurrence starting in [from, to) and ending by `text.length`. */
  scan(text: string, from: number, to: number, hit: (h: LiteralHit) => void): void {
    for (const tier of this.tiers) tier.scan(text, from, to, hit);
  }
}

const TIER_BOUNDS = [0, 12, 24];

// Characters fold to 7 bits; collisions only cost a verification.
function block3(s: string, i: number): number {
  return (
    ((s.charCodeAt(i) & 127) << 14) |
    ((s.charCodeAt(i + 1) & 127) << 7) |
    (s.charCodeAt(i + 2) & 127)
  );
}

function block2(s: string, i: number): number {
  return ((s.charCodeAt(i) & 127) << 7) | (s.charCodeAt(i + 1) & 127);
}

// Two-character blocks read less per jump; they are used while few table entries shrink jumps.
class Tier {
  private readonly window: number;
  private readonly block: 2 | 3;
  private readonly shift: Uint8Array;
  private readonly buckets = new Map<number, Literal[]>();

  constructor(literals: Literal[]) {
    this.window = Math.min(...literals.map((l) => l.text.length), 255);
    this.block = literals.length * this.window < 2000 ? 2 : 3;
    const b = this.block;
    const key = b === 2 ? block2 : block3;
    this.shift = new Uint8Array(1 << (7 * b)).fill(this.window - b + 1);
    for (const lit of literals) {
      for (let q = 0; q <= this.window - b; q++) {
        const k = key(lit.text, q);
        const s = this.window - b - q;
        if (s < (this.shift[k] as number)) this.shift[k] = s;
      }
      const k = key(lit.text, this.window - b);
      const bucket = this.buckets.get(k);
      if (bucket) bucket.push(lit);
      else this.buckets.set(k, [lit]);
    }
  }

  scan(text: string, from: number, to: number, hit: (h: LiteralHit) => void): void {
    const stop = Math.min(to, text.length - this.window + 1) + this.window - 1;
    if (this.block === 2) this.scan2(text, from + this.window - 1, stop, hit);
    else this.scan3(text, from + this.window - 1, stop, hit);
  }

  private scan2(text: string, first: number, stop: number, hit: (h: LiteralHit) => void): void {
    const shift = this.shift;
    let i = first;
    while (i < stop) {
      const k = ((text.charCodeAt(i - 1) & 127) << 7) | (text.charCodeAt(i) & 127);
      const s = shift[k] as number;
      if (s !== 0) {
        i += s;
        continue;
      }
      this.check(text, i - this.window + 1, k, hit);
      i++;
    }
  }

  private scan3(text: string, first: number, stop: number, hit: (h: LiteralHit) => void): void {
    const shift = this.shift;
    let i = first;
    while (i < stop) {
      const k =
        ((text.charCodeAt(i - 2) & 127) << 14) |
        ((text.charCodeAt(i - 1) & 127) << 7) |
        (text.charCodeAt(i) & 127);
      const s = shift[k] as number;
      if (s !== 0) {
        i += s;
        continue;
      }
      this.check(text, i - this.window + 1, k, hit);
      i++;
    }
  }

  private check(text: string, start: number, k: number, hit: (h: LiteralHit) => void): void {
    for (const lit of this.buckets.get(k) ?? []) {
      if (text.startsWith(lit.text, start))
        hit({ start, end: start + lit.text.length, id: lit.id });
    }
  }
}
