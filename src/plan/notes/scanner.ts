import { fail } from "../../errors/index.js";
import { scanBounds } from "./bounds.js";
import { ChangeFeed } from "./changes.js";
import { CommitGraph } from "./commit-graph.js";
import { type BlobReader, readGraph, readRefs } from "./git-read.js";
import type { GitGroup } from "./git-run.js";
import { History } from "./history.js";
import { NullMergeCheck } from "./null-merge.js";
import { RepoRefs } from "./repo-refs.js";
import { NoteTracker } from "./tracker.js";
import type { NoteRef } from "./types.js";
import type { VersionRules } from "./versions.js";
import { nullMergeCandidates, walkNotes, walkOrder } from "./walk.js";

/** What one scan reads: the branch, the notes folder and reno's options that shape the result. */
export interface ScanPlan {
  branch: string | undefined;
  notesDir: string;
  earliestVersion: string | undefined;
  stopAtBranchBase: boolean;
  ignoreNullMerges: boolean;
  /** Ids of notes to leave out. */
  ignoreUids: Set<string>;
  rules: VersionRules;
}

/** Note files per version, newest version first, plus every version known on the branch. */
export interface NotesByVersion {
  versions: { version: string; files: NoteRef[] }[];
  /** All versions of the branch, newest first, pre-releases folded (for range selection). */
  order: string[];
  /** Maps any tag of the branch to the version its notes are filed under. */
  canonical: (tag: string) => string | undefined;
}

/**
 * reno's `get_notes_by_version` over committed history, with pre-releases collapsed when the
 * rules say so. The git processes of `group` run side by side: the refs and the commit graph
 * first; then, once the walk's order is known from them, the note changes of exactly the
 * commits it visits, handed over while git writes them; `blobs` (a job of the same group) gets
 * every note content the walk keeps. A scan with an earliest version usually covers all
 * history, so there one `git log` reads the graph and the changes together.
 */
export async function notesByVersion(
  group: GitGroup,
  plan: ScanPlan,
  blobs: BlobReader,
  warn: (msg: string) => void,
): Promise<NotesByVersion> {
  const graph = new CommitGraph();
  const whole = plan.earliestVersion !== undefined;
  const refsRead = readRefs(group);
  const graphRead = whole ? undefined : readGraph(group, graph);
  // A whole-history scan of the checked-out branch needs no other branch's history.
  const from = whole ? (plan.branch ? "--all" : "HEAD") : undefined;
  const feed = new ChangeFeed(group, graph, plan.notesDir, from);
  const nullMergeCheck = new NullMergeCheck(group);
  group.run();
  try {
    const { refs, head } = await refsRead;
    const repoRefs = new RepoRefs(refs, head, graph, plan.rules);
    const start = repoRefs.resolve(plan.branch);
    await (graphRead ? graphRead.done : feed.whole());
    const h = new History(graph, repoRefs, plan.rules);
    const candidates = plan.ignoreNullMerges ? nullMergeCandidates(h) : [];
    const nullMerges = await nullMergeCheck.find(graph, candidates);
    return await scan(h, { start, nullMerges }, feed, whole, plan, blobs, warn);
  } finally {
    feed.stop();
    graphRead?.stop();
    nullMergeCheck.stop();
    await refsRead.catch(() => {});
  }
}

async function scan(
  h: History,
  at: { start: number; nullMerges: Set<number> },
  feed: ChangeFeed,
  whole: boolean,
  plan: ScanPlan,
  blobs: BlobReader,
  warn: (msg: string) => void,
): Promise<NotesByVersion> {
  const { branch, rules } = plan;
  const current = h.currentVersion(branch);
  const byDate = h.tagsOnBranch(branch);
  if (plan.earliestVersion && !byDate.includes(plan.earliestVersion)) {
    throw fail(
      "BadValue",
      "earliest version",
      "a release tag reachable from the scanned branch",
      byDate[0] ?? "1.0.0",
      plan.earliestVersion,
    );
  }
  const bounds = scanBounds(h, byDate, branch, plan.earliestVersion, plan.stopAtBranchBase);
  if (!byDate.includes(current)) byDate.unshift(current);
  const order = walkOrder(h, { ...at, current, stopTag: bounds.stopTag });
  if (!whole) feed.visit(order.commits);
  const tracker = new NoteTracker((ref) => blobs.want(ref.blob));
  await walkNotes(h, order, plan.ignoreUids, feed, tracker, warn);
  blobs.flush();
  const collapsed = collapse(tracker, byDate, rules);
  const versions: NotesByVersion["versions"] = [];
  for (const v of byDate) {
    const files = collapsed.get(v);
    if (files?.length) versions.push({ version: v, files: files.sort(byFileThenCommit) });
    if (bounds.earliest && v === bounds.earliest) break;
  }
  const canonical = (tag: string) =>
    byDate.includes(tag) ? foldPreRelease(tag, byDate, rules) : undefined;
  const allVersions = [...new Set(byDate.map((v) => foldPreRelease(v, byDate, rules)))];
  return { versions, order: allVersions, canonical };
}

function collapse(
  tracker: NoteTracker,
  byDate: string[],
  rules: VersionRules,
): Map<string, NoteRef[]> {
  const perVersion = new Map<string, NoteRef[]>(tracker.versions.map((v) => [v, []]));
  for (const [uid, version] of tracker.earliest) {
    const ref = tracker.latest.get(uid);
    // Ids with no file left were deleted: reno drops them.
    if (ref) perVersion.get(version)?.push(ref);
  }
  const out = new Map<string, NoteRef[]>();
  for (const v of byDate) {
    const files = perVersion.get(v);
    if (!files) continue;
    const into = foldPreRelease(v, byDate, rules);
    out.set(into, [...(out.get(into) ?? []), ...files]);
  }
  return out;
}

function foldPreRelease(v: string, byDate: string[], rules: VersionRules): string {
  if (!rules.collapse || !rules.isPreRelease(v)) return v;
  const final = rules.stripPreRelease(v);
  return byDate.includes(final) ? final : v;
}

function byFileThenCommit(a: NoteRef, b: NoteRef): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : 0;
}
