import fs from "node:fs";
import path from "node:path";
import type { JournalEvent } from "../journal/index.js";
import type { LessonEntry } from "./lessons-page.js";
import { RENDERER_VERSION } from "./manifest.js";
import type { SearchDoc } from "./search-page.js";

/** Folder (inside the output folder) holding what earlier publishes rendered, per journal. */
export const CACHE_DIR = ".stacklog-cache";

/** A journal's rendered events and search documents as of `lastSeq`. */
export interface RenderCache {
  renderer: number;
  lastSeq: number;
  /** [seq, event HTML] in seq order. */
  fragments: [number, string][];
  docs: SearchDoc[];
}

/** Site path of a journal's lesson entries (kept apart: every publish reads them all). */
export function lessonsCachePath(journalId: string): string {
  return `${CACHE_DIR}/${journalId}.lessons.json`;
}

/** Lesson entries written by an earlier publish, or null. */
export function readLessonsCache(outDir: string, journalId: string): LessonEntry[] | null {
  try {
    const entries = JSON.parse(
      fs.readFileSync(path.join(outDir, lessonsCachePath(journalId)), "utf8"),
    );
    return Array.isArray(entries) ? (entries as LessonEntry[]) : null;
  } catch {
    return null;
  }
}

/** Site path of a journal's render cache. */
export function cachePath(journalId: string): string {
  return `${CACHE_DIR}/${journalId}.json`;
}

/** The cache of an earlier publish when it matches `lastSeq` and this renderer; otherwise null. */
export function readCache(outDir: string, journalId: string, lastSeq: number): RenderCache | null {
  try {
    const c = JSON.parse(
      fs.readFileSync(path.join(outDir, cachePath(journalId)), "utf8"),
    ) as RenderCache;
    return c.renderer === RENDERER_VERSION && c.lastSeq === lastSeq && Array.isArray(c.fragments)
      ? c
      : null;
  } catch {
    return null;
  }
}

/**
 * Events rendered earlier whose HTML is still right: older than the cache and not the target
 * of a newer amend or fix (those show on the event they point at).
 */
export function reusable(
  cache: RenderCache | null,
  events: readonly JournalEvent[],
): Map<number, string> {
  const out = new Map<number, string>();
  if (!cache) return out;
  const touched = new Set<string>();
  for (const e of events) {
    if (e.seq <= cache.lastSeq) continue;
    // Steps link to the plan page only once the journal has a plan.
    if (
      e.payload.kind === "plan" &&
      !events.some((x) => x.seq < e.seq && x.payload.kind === "plan")
    )
      return out;
    if (e.payload.kind === "amend") touched.add(e.payload.target);
    if (e.payload.kind === "note" && e.payload.fixes) touched.add(e.payload.fixes);
  }
  const bySeq = new Map(cache.fragments);
  for (const e of events) {
    const html = bySeq.get(e.seq);
    if (e.seq <= cache.lastSeq && html !== undefined && !touched.has(e.id)) out.set(e.seq, html);
  }
  return out;
}
