/** Cancels a scheduled call. */
export type Cancel = () => void;

/** Runs `fn` once after `ms`; must not keep the process alive. */
export type Schedule = (fn: () => void, ms: number) => Cancel;

export interface ChunkerOptions {
  /** Receives each coalesced chunk with the offset (ms since start) of its first text. */
  emit: (chunk: string, tOffsetMs: number) => void;
  now: () => number;
  startedAt: number;
  /**
   * Flush once this many UTF-16 units are pending; no chunk is longer. Default 256 Ki: fewer,
   * larger store writes gave `run` 5% more throughput than 64 Ki (in a PTY, on 2 CPUs).
   */
  maxChars?: number;
  /** Flush pending text at most this long after its first part arrived. Default 200 ms. */
  maxDelayMs?: number;
  schedule?: Schedule;
}

export interface Chunker {
  push(text: string): void;
  /** Emits whatever is pending now. */
  flush(): void;
  /** Flushes and cancels the timer; later pushes are ignored. */
  close(): void;
}

/** A timer that does not keep the process alive. */
export const unrefTimeout: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** Coalesces a stream of text into chunks bounded in size and age, so a sink is never called per byte. */
export function createChunker(opts: ChunkerOptions): Chunker {
  const maxChars = opts.maxChars ?? 256 * 1024;
  const maxDelayMs = opts.maxDelayMs ?? 200;
  const schedule = opts.schedule ?? unrefTimeout;
  let parts: string[] = [];
  let pending = 0;
  let firstAt = 0;
  let cancel: Cancel | null = null;
  let closed = false;

  const flush = (): void => {
    cancel?.();
    cancel = null;
    if (pending === 0) return;
    const text = parts.join("");
    parts = [];
    pending = 0;
    for (const piece of slices(text, maxChars)) opts.emit(piece, firstAt);
  };

  const push = (text: string): void => {
    if (closed || text.length === 0) return;
    // Text that arrived (by the clock given) too long after the pending text starts a chunk of
    // its own, even when it is processed later than it arrived.
    if (pending > 0 && opts.now() - opts.startedAt - firstAt >= maxDelayMs) flush();
    if (pending === 0) {
      firstAt = Math.max(0, opts.now() - opts.startedAt);
      cancel = schedule(flush, maxDelayMs);
    }
    parts.push(text);
    pending += text.length;
    if (pending >= maxChars) flush();
  };

  const close = (): void => {
    flush();
    closed = true;
  };

  return { push, flush, close };
}

/** Cuts text into pieces of at most `max` units without splitting a surrogate pair. */
export function slices(text: string, max: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (text.length - start > max) {
    let end = start + max;
    if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    out.push(text.slice(start, end));
    start = end;
  }
  out.push(start === 0 ? text : text.slice(start));
  return out;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
