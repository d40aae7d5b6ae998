import { monotonicFactory } from "ulid";

/** A ULID generator, monotonic within this process even when the clock stands still. */
export function ulidSource(now: () => number): () => string {
  const next = monotonicFactory();
  return () => next(now());
}
