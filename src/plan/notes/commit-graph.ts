/**
 * The commit graph with commits as small integers, kept in typed arrays so that a history of
 * tens of thousands of commits costs the garbage collector nothing. Numbers are handed out on
 * first sight of a commit id (as a commit or as a parent), so the git readers that run side by
 * side share one graph. Commit ids are stored as their hex text, found through a hash table.
 */
export class CommitGraph {
  size = 0;
  /** Commit time (seconds) by number; 0 until the commit itself is read. */
  time = new Float64Array(1024);
  /** A commit's parents are `edges[parentStart[c] .. parentStart[c] + parentCount[c]]`. */
  parentStart = new Int32Array(1024);
  parentCount = new Int32Array(1024);
  edges = new Int32Array(2048);
  private edgeCount = 0;
  private hexLen = 0;
  private hex = Buffer.alloc(0);
  private table = new Int32Array(2048); // number + 1, 0 when free
  private scratch = Buffer.alloc(64);

  /** The number of the commit whose hex id is `buf[off, off + len)`. */
  internBytes(buf: Buffer, off: number, len: number): number {
    if (this.hexLen !== len) this.setHexLen(len);
    const mask = this.table.length - 1;
    for (let slot = hashHex(buf, off) & mask; ; slot = (slot + 1) & mask) {
      const v = this.table[slot] as number;
      if (v === 0) return this.add(buf, off, slot);
      if (this.sameHex(v - 1, buf, off)) return v - 1;
    }
  }

  /** The number of a commit id given as text. */
  intern(sha: string): number {
    if (sha.length > this.scratch.length) this.scratch = Buffer.alloc(sha.length);
    const len = this.scratch.write(sha, 0, "latin1");
    return this.internBytes(this.scratch, 0, len);
  }

  /** The hex id of a commit. */
  sha(c: number): string {
    return this.hex.toString("latin1", c * this.hexLen, (c + 1) * this.hexLen);
  }

  /** Compares two commits' hex ids as strings. */
  compareSha(a: number, b: number): number {
    const l = this.hexLen;
    for (let i = 0; i < l; i++) {
      const d = (this.hex[a * l + i] as number) - (this.hex[b * l + i] as number);
      if (d) return d;
    }
    return 0;
  }

  /** Records a commit's time and parents (numbers from `intern`). */
  setCommit(c: number, time: number, parents: ArrayLike<number>): void {
    this.time[c] = time;
    const n = parents.length;
    if (this.edgeCount + n > this.edges.length) this.edges = grow(this.edges, this.edgeCount + n);
    this.parentStart[c] = this.edgeCount;
    this.parentCount[c] = n;
    for (let i = 0; i < n; i++) this.edges[this.edgeCount++] = parents[i] as number;
  }

  /** A commit's parents, first parent first (allocates: for the rare paths). */
  parents(c: number): number[] {
    const s = this.parentStart[c] as number;
    return Array.from(this.edges.subarray(s, s + (this.parentCount[c] as number)));
  }

  firstParent(c: number): number | undefined {
    return this.parentCount[c] ? this.edges[this.parentStart[c] as number] : undefined;
  }

  private add(buf: Buffer, off: number, slot: number): number {
    const c = this.size++;
    if (c >= this.time.length) {
      const cap = this.time.length * 2;
      this.time = grow(this.time, cap);
      this.parentStart = grow(this.parentStart, cap);
      this.parentCount = grow(this.parentCount, cap);
    }
    if ((c + 1) * this.hexLen > this.hex.length) {
      const bigger = Buffer.alloc(Math.max(this.hex.length * 2, 1024 * this.hexLen));
      this.hex.copy(bigger);
      this.hex = bigger;
    }
    buf.copy(this.hex, c * this.hexLen, off, off + this.hexLen);
    this.table[slot] = c + 1;
    if (this.size * 2 > this.table.length) this.rehash();
    return c;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2);
    const mask = this.table.length - 1;
    for (let c = 0; c < this.size; c++) {
      let slot = hashHex(this.hex, c * this.hexLen) & mask;
      while (this.table[slot]) slot = (slot + 1) & mask;
      this.table[slot] = c + 1;
    }
  }

  private sameHex(c: number, buf: Buffer, off: number): boolean {
    const base = c * this.hexLen;
    for (let i = 0; i < this.hexLen; i++) if (this.hex[base + i] !== buf[off + i]) return false;
    return true;
  }

  private setHexLen(len: number): void {
    if (this.hexLen) throw new Error(`commit ids of ${len} and ${this.hexLen} characters mixed`);
    this.hexLen = len;
  }
}

// The first 8 hex digits as a 32-bit number: commit ids are uniformly spread already.
function hashHex(buf: Buffer, off: number): number {
  let h = 0;
  for (let i = 0; i < 8; i++) {
    const ch = buf[off + i] as number;
    h = (h << 4) | (ch <= 57 ? ch - 48 : (ch | 32) - 87);
  }
  return h >>> 0;
}

function grow<T extends Float64Array | Int32Array>(a: T, min: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(min, a.length * 2));
  b.set(a);
  return b;
}
