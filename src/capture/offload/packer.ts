import { encodeChunk } from "../../journal/output-codec.js";
import type { EncodedChunk } from "../../journal/store-types.js";
import type { Cancel, Schedule } from "../chunker.js";
import { slices } from "../chunker.js";

/** Largest chunk handed on, in UTF-8 bytes (see docs/design.md, "Output chunks"). */
export const CHUNK_BYTES = 256 * 1024;

// Text is written in pieces of at most this many UTF-16 units, so that a piece always fits in
// the room left above CHUNK_BYTES (3 bytes of UTF-8 per unit at most).
const PIECE = 32 * 1024;
const ROOM = CHUNK_BYTES + 3 * PIECE;

export interface PackerOptions {
  /** Receives each chunk, compressed when that makes it smaller. */
  emit: (chunk: EncodedChunk) => void;
  now: () => number;
  startedAt: number;
  /** A chunk is handed on at most this long after its first text arrived. Default 200 ms. */
  maxDelayMs?: number;
  schedule: Schedule;
}

/**
 * Packs redacted text into store-ready chunks of at most CHUNK_BYTES (plus one piece): the text
 * is encoded as it arrives into one buffer that is reused for the whole output, so no large
 * string is ever built (V8 allocates strings over 128 KiB one by one, which made decoding and
 * joining ten times slower) and nothing is copied twice. A chunk's time is when its first text
 * arrived by `now`; text arriving `maxDelayMs` or more after that starts a new chunk, and a timer
 * hands on pending text after `maxDelayMs` even when no more comes.
 */
export class ChunkPacker {
  private buf: Buffer | null = null;
  private used = 0;
  private firstAt = 0;
  private cancel: Cancel | null = null;
  // A high surrogate that ended the last text, waiting for its pair.
  private carry = "";
  private closed = false;
  private readonly maxDelayMs: number;

  constructor(private readonly opts: PackerOptions) {
    this.maxDelayMs = opts.maxDelayMs ?? 200;
  }

  push(text: string): void {
    if (this.closed || text.length === 0) return;
    let t = this.carry === "" ? text : this.carry + text;
    this.carry = "";
    const last = t.charCodeAt(t.length - 1);
    if (last >= 0xd800 && last <= 0xdbff) {
      this.carry = t.slice(-1);
      t = t.slice(0, -1);
    }
    if (t.length === 0) return;
    if (t.length <= PIECE) this.put(t);
    else for (const piece of slices(t, PIECE)) this.put(piece);
  }

  /** Hands on whatever is pending now. */
  flush(): void {
    this.cancel?.();
    this.cancel = null;
    if (this.used === 0 || this.buf === null) return;
    const raw = this.buf.subarray(0, this.used);
    const bytes = this.used;
    this.used = 0;
    const { enc, data } = encodeChunk(raw);
    // Plain data is a view of the reused buffer: hand on a copy of its own.
    this.opts.emit({ t: this.firstAt, bytes, enc, data: data === raw ? Buffer.from(raw) : data });
  }

  /** Hands on what is pending (a lone surrogate at the very end as U+FFFD); later text is ignored. */
  close(): void {
    if (this.carry !== "") {
      const c = this.carry;
      this.carry = "";
      this.put(c);
    }
    this.flush();
    this.closed = true;
  }

  private put(text: string): void {
    const elapsed = this.opts.now() - this.opts.startedAt;
    if (this.used > 0 && elapsed - this.firstAt >= this.maxDelayMs) this.flush();
    if (this.used === 0) {
      this.firstAt = Math.max(0, elapsed);
      this.cancel = this.opts.schedule(() => this.flush(), this.maxDelayMs);
    }
    this.buf ??= Buffer.allocUnsafe(ROOM);
    this.used += this.buf.write(text, this.used, "utf8");
    if (this.used >= CHUNK_BYTES) this.flush();
  }
}
