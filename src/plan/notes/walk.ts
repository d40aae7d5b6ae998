import type { ChangeFeed } from "./changes.js";
import { topoWalk } from "./graph.js";
import type { History } from "./history.js";
import { ChangeAggregator, type NoteTracker } from "./tracker.js";

/** Where the walk starts and stops, and what it passes over. */
export interface WalkSetup {
  start: number;
  /** The version of the start commit (`git describe` style). */
  current: string;
  /** The tag whose commit ends the walk. */
  stopTag: string | undefined;
  nullMerges: Set<number>;
}

/** The commits reno's walk visits, in its order, and the version each one's notes go under. */
export interface WalkOrder {
  commits: number[];
  versions: string[];
}

/**
 * reno's walk over history, newest first in its topological order, down to the commit that
 * carries the stop tag. It depends on the graph and the tags only, so it is known before any
 * note change is read: git can then be asked for exactly these commits' changes.
 */
export function walkOrder(h: History, setup: WalkSetup): WalkOrder {
  const commits: number[] = [];
  const versions: string[] = [];
  const { stopTag, nullMerges } = setup;
  let version = setup.current;
  for (const c of topoWalk(h.graph, setup.start, (m) => nullMerges.has(m))) {
    const tags = h.refs.tagsOn(c);
    if (tags.length) version = tags.at(-1) as string;
    commits.push(c);
    versions.push(version);
    if (stopTag && (tags.length ? tags.includes(stopTag) : version === stopTag)) break;
  }
  return { commits, versions };
}

/**
 * Hands each visited commit's note changes to `tracker`, waiting for the feed where git has
 * not written a commit yet. Warnings are passed on once the walk is done.
 */
export async function walkNotes(
  h: History,
  order: WalkOrder,
  ignoreUids: Set<string>,
  feed: ChangeFeed,
  tracker: NoteTracker,
  warn: (msg: string) => void,
): Promise<void> {
  const aggregator = new ChangeAggregator();
  const warnings: string[] = [];
  const { commits, versions } = order;
  for (let i = 0; i < commits.length; i++) {
    const c = commits[i] as number;
    if (!feed.has(c)) await feed.until(c);
    const changed = feed.get(c);
    if (!changed) continue;
    const sha = h.graph.sha(c);
    const version = versions[i] as string;
    for (const op of aggregator.aggregate(changed, sha, (w) => warnings.push(w))) {
      if (ignoreUids.has(op.uid)) continue;
      const ref = { file: op.file, commit: sha, blob: op.blob };
      if (op.op === "add") tracker.add(op.uid, ref, version);
      else if (op.op === "delete") tracker.delete(op.uid, version);
      else tracker.change(op.uid, ref, version);
    }
  }
  for (const w of warnings) warn(w);
}

/** Merges whose later parents carry a release tag: the only ones that can be null-merges. */
export function nullMergeCandidates(h: History): number[] {
  const out: number[] = [];
  const { parentStart, parentCount, edges } = h.graph;
  for (let c = 0; c < h.graph.size; c++) {
    const end = (parentStart[c] as number) + (parentCount[c] as number);
    for (let i = (parentStart[c] as number) + 1; i < end; i++) {
      if (h.refs.tagsOn(edges[i] as number).length) {
        out.push(c);
        break;
      }
    }
  }
  return out;
}
