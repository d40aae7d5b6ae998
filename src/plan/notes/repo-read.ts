import { type FileChange, readNoteChanges, readNoteHistory } from "./changes.js";
import { readGraph, readRefs } from "./git-read.js";
import type { Git } from "./git-run.js";
import { reachable } from "./graph.js";
import { History } from "./history.js";
import { RepoRefs } from "./repo-refs.js";

/** Note changes per commit, and which commits the read that found them covered. */
export interface WalkChanges {
  changes: Map<string, FileChange[][]>;
  covers: (sha: string) => boolean;
}

/**
 * Reads the graph, refs and HEAD with git processes running side by side. A deep scan (`withChanges`)
 * reads the note changes of all history in the same walk of the graph; a shallow one reads
 * them afterwards, for the range it walks only (see `readWalkChanges`).
 */
export async function readRepo(
  git: Git,
  notesDir: string,
  withChanges: boolean,
): Promise<{ h: History; all?: WalkChanges }> {
  const [history, { refs, head }] = await Promise.all([
    withChanges
      ? readNoteHistory(git.start, notesDir)
      : readGraph(git.start).then((graph) => ({ graph, changes: undefined })),
    readRefs(git.start),
  ]);
  const h = new History(history.graph, new RepoRefs(refs, head));
  const { changes } = history;
  return { h, all: changes && { changes, covers: () => true } };
}

/**
 * Note changes of the commits from `head` down to the commit tagged `stopTag` (inclusive),
 * where the walk stops; everything from `head` when there is no stop.
 */
export async function readWalkChanges(
  git: Git,
  notesDir: string,
  h: History,
  head: string,
  stopTag?: string,
): Promise<WalkChanges> {
  const stop = stopTag === undefined ? undefined : tagCommit(h, stopTag);
  const below = stop === undefined ? [] : (h.graph.get(stop)?.parents ?? []);
  if (stop === undefined || below.length === 0) {
    return { changes: await readNoteChanges(git.start, notesDir, [head]), covers: () => true };
  }
  const reading = readNoteChanges(git.start, notesDir, [head, "--not", ...below]);
  // Exactly the commits the read leaves out, so a walk that strays into them is caught.
  const excluded = new Set<string>();
  for (const p of below) for (const sha of reachable(h.graph, p)) excluded.add(sha);
  return { changes: await reading, covers: (sha) => !excluded.has(sha) };
}

function tagCommit(h: History, tag: string): string | undefined {
  try {
    const sha = h.refs.resolve(tag);
    return h.refs.tagsOn(sha).includes(tag) ? sha : undefined;
  } catch {
    return undefined;
  }
}
