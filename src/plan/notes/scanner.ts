import { fail } from "../../errors/index.js";
import { scanBounds } from "./bounds.js";
import type { Git, GitRunner } from "./git-run.js";
import { topoWalk } from "./graph.js";
import type { History } from "./history.js";
import { readRepo, readWalkChanges, type WalkChanges } from "./repo-read.js";
import { ChangeAggregator, NoteTracker } from "./tracker.js";
import type { NoteRef } from "./types.js";
import { isPreRelease, stripPreRelease } from "./versions.js";

/** Note files per version, newest version first, plus every version known on the branch. */
export interface NotesByVersion {
  versions: { version: string; files: NoteRef[] }[];
  /** All versions of the branch, newest first, pre-releases folded (for range selection). */
  order: string[];
  /** Maps any tag of the branch to the version its notes are filed under. */
  canonical: (tag: string) => string | undefined;
}

/**
 * reno's `get_notes_by_version` over committed history, with pre-releases collapsed. A scan
 * with an earliest version reads all history's note changes at once; others read only the
 * range their walk covers, once the graph says where it stops.
 */
export async function notesByVersion(
  git: Git,
  opts: { branch?: string; notesDir: string; earliestVersion?: string },
  warn: (msg: string) => void,
): Promise<NotesByVersion> {
  const { h, all } = await readRepo(git, opts.notesDir, opts.earliestVersion !== undefined);
  const { branch } = opts;
  const current = h.currentVersion(branch);
  const byDate = h.tagsOnBranch(branch);
  if (opts.earliestVersion && !byDate.includes(opts.earliestVersion)) {
    throw fail(
      "BadValue",
      "earliest version",
      "a release tag reachable from the scanned branch",
      byDate[0] ?? "1.0.0",
      opts.earliestVersion,
    );
  }
  const { earliest, stopTag } = scanBounds(h, byDate, branch, opts.earliestVersion);
  if (!byDate.includes(current)) byDate.unshift(current);
  const head = h.refs.resolve(branch);
  const at = { head, current, stopTag };
  const ranged = all ?? (await readWalkChanges(git, opts.notesDir, h, head, stopTag));
  // A walk that strays below the range read (null-merges can make it) is redone on all of it.
  const tracker =
    walk(h, git.run, ranged, at, warn) ??
    (walk(h, git.run, await readWalkChanges(git, opts.notesDir, h, head), at, warn) as NoteTracker);
  const collapsed = collapse(tracker, byDate);
  const versions: NotesByVersion["versions"] = [];
  for (const v of byDate) {
    const files = collapsed.get(v);
    if (files?.length) versions.push({ version: v, files: files.sort(byFileThenCommit) });
    if (earliest && v === earliest) break;
  }
  const canonical = (tag: string) =>
    byDate.includes(tag) ? foldPreRelease(tag, byDate) : undefined;
  return { versions, order: [...new Set(byDate.map((v) => foldPreRelease(v, byDate)))], canonical };
}

// Undefined when the walk reaches a commit the changes were not read for.
function walk(
  h: History,
  run: GitRunner,
  { changes, covers }: WalkChanges,
  at: { head: string; current: string; stopTag: string | undefined },
  warn: (msg: string) => void,
): NoteTracker | undefined {
  const tracker = new NoteTracker();
  const aggregator = new ChangeAggregator();
  const warnings: string[] = [];
  let version = at.current;
  for (const sha of topoWalk(h.graph, at.head, (m) => isNullMerge(h, run, m))) {
    if (!covers(sha)) return undefined;
    const tags = h.refs.tagsOn(sha);
    if (tags.length) version = tags.at(-1) as string;
    const changed = changes.get(sha);
    const ops = changed ? aggregator.aggregate(changed, sha, (w) => warnings.push(w)) : [];
    for (const op of ops) {
      const ref = { file: op.file, commit: sha, blob: op.blob };
      if (op.op === "add") tracker.add(ref, version);
      else if (op.op === "delete") tracker.delete(ref, version);
      else tracker.change(ref, version);
    }
    if (at.stopTag && (tags.length ? tags : [version]).includes(at.stopTag)) break;
  }
  for (const w of warnings) warn(w);
  return tracker;
}

// A merge that only brings a tag over from another branch (OpenStack's old null-merges of
// final release tags) must not pull that branch into this one's history.
function isNullMerge(h: History, run: GitRunner, sha: string): boolean {
  const parents = h.graph.get(sha)?.parents ?? [];
  if (!parents.slice(1).some((p) => h.refs.tagsOn(p).length)) return false;
  return (
    run(["diff-tree", "-c", "--name-only", "--no-commit-id", sha]).toString("utf8").trim() === ""
  );
}

function collapse(tracker: NoteTracker, byDate: string[]): Map<string, NoteRef[]> {
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
    const into = foldPreRelease(v, byDate);
    out.set(into, [...(out.get(into) ?? []), ...files]);
  }
  return out;
}

function foldPreRelease(v: string, byDate: string[]): string {
  if (!isPreRelease(v)) return v;
  const final = stripPreRelease(v);
  return byDate.includes(final) ? final : v;
}

function byFileThenCommit(a: NoteRef, b: NoteRef): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.commit < b.commit ? -1 : a.commit > b.commit ? 1 : 0;
}
