import type { JournalEvent } from "./types.js";

/**
 * Events in the order they happened: by time, then by the order they were stored. They are
 * stored in the order they reach the store, which is not always that: a hook-mode shell's
 * commands wait in its spool until the next stacklog call, and a command is stored when it ends
 * but happened from when it started. The readers of an account (the web page, `log`, Jekyll)
 * show this order; `seq` stays the store's order (`--follow`, export, live updates).
 */
export function inTimeOrder<T extends Pick<JournalEvent, "time" | "seq">>(
  events: readonly T[],
): T[] {
  return [...events].sort((a, b) => a.time - b.time || a.seq - b.seq);
}

/** The phase running at `time`, from a journal's phase events (any order). */
export function phaseAt(phases: readonly JournalEvent[], time: number): string | null {
  let current: string | null = null;
  for (const e of inTimeOrder(phases)) {
    if (e.time > time) break;
    if (e.payload.kind === "phase") current = e.payload.action === "begin" ? e.payload.name : null;
  }
  return current;
}
