import { randomFillSync } from "node:crypto";
import { monotonicFactory, type ULIDFactory } from "ulid";

/**
 * Random fractions from the system's CSPRNG, read 1 KiB at a time. ulid's own source asks
 * `crypto.randomBytes` for one byte per character (16 calls per id); a recorded shell makes
 * several ids per command.
 */
export function pooledRandom(): () => number {
  const pool = Buffer.alloc(1024);
  let next = pool.length;
  return () => {
    if (next === pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    return (pool[next++] as number) / 256;
  };
}

/** A ULID factory (monotonic within this process) drawing its randomness from `pooledRandom`. */
export function ulidFactory(): ULIDFactory {
  return monotonicFactory(pooledRandom());
}

/** A ULID generator, monotonic within this process even when the clock stands still. */
export function ulidSource(now: () => number): () => string {
  const next = ulidFactory();
  return () => next(now());
}
