import type { CommitNode } from "./git-read.js";
import type { GitStarter } from "./git-run.js";

/** A change to one file relative to one parent, the way reno's tree diff reports it. */
export interface FileChange {
  type: "add" | "delete" | "modify";
  path: string;
  /** The blob after the change (the one before it, for a delete). */
  blob: string;
}

const ZERO = /^0+$/;

/** The commit graph and the note changes of every commit, from one walk of history. */
export interface NoteHistory {
  graph: Map<string, CommitNode>;
  changes: Map<string, FileChange[][]>;
}

/**
 * Every commit reachable from any ref, with its time, parents and changes under `notesDir`, in
 * one `git log` pass (`--sparse` keeps the commits that do not touch the notes, for the graph).
 * Merges get one change per parent for each path that differs from all of them (git's
 * combined diff), as reno's merge diff does; renames are not detected here because reno pairs
 * adds and deletes by note id itself.
 */
export async function readNoteHistory(start: GitStarter, notesDir: string): Promise<NoteHistory> {
  const text = await start(logArgs(["--all", "--sparse"], "%x01%H %ct %P", notesDir));
  const graph = new Map<string, CommitNode>();
  const changes = new Map<string, FileChange[][]>();
  for (const chunk of text.toString("utf8").split("\x01")) {
    if (!chunk) continue;
    const tokens = chunk.split("\0");
    const [sha, time, ...parents] = (tokens[0] as string).trim().split(" ");
    graph.set(sha as string, { time: Number(time), parents });
    const perCommit = parseChanges(tokens);
    if (perCommit.length) changes.set(sha as string, perCommit);
  }
  return { graph, changes };
}

/**
 * Note changes (as `readNoteHistory`) of the commits `revs` select, e.g. `[head, "--not", ...]`;
 * only commits that touch the notes are listed.
 */
export async function readNoteChanges(
  start: GitStarter,
  notesDir: string,
  revs: string[],
): Promise<Map<string, FileChange[][]>> {
  const text = await start(logArgs(revs, "%x01%H", notesDir));
  const changes = new Map<string, FileChange[][]>();
  for (const chunk of text.toString("utf8").split("\x01")) {
    if (!chunk) continue;
    const tokens = chunk.split("\0");
    const perCommit = parseChanges(tokens);
    if (perCommit.length) changes.set((tokens[0] as string).trim(), perCommit);
  }
  return changes;
}

function logArgs(revs: string[], format: string, notesDir: string): string[] {
  const dir = `${notesDir.replace(/\/+$/, "")}/`;
  const diff = ["--no-renames", "--no-ext-diff", "-c", "--raw", "--no-abbrev", "-z"];
  return ["log", ...revs, "--full-history", ...diff, `--format=${format}`, "--", dir];
}

function parseChanges(tokens: string[]): FileChange[][] {
  const changes: FileChange[][] = [];
  for (let i = 1; i < tokens.length; i++) {
    const meta = (tokens[i] as string).replace(/^\n/, "");
    if (!meta.startsWith(":")) continue;
    const path = tokens[++i] as string;
    const perParent = parseRaw(meta, path);
    if (perParent) changes.push(perParent);
  }
  return changes;
}

// `:100644 100644 <old> <new> M` for one parent; `::m1 m2 m <o1> <o2> <new> MM` for a merge.
function parseRaw(meta: string, path: string): FileChange[] | null {
  const n = meta.match(/^:+/)?.[0].length ?? 1;
  const fields = meta.slice(n).split(" ");
  const olds = fields.slice(n + 1, 2 * n + 1);
  const blob = fields[2 * n + 1] as string;
  const status = fields[2 * n + 2] as string;
  const letters = [...status.slice(0, n)];
  // A merge that deletes a file every parent held identically is not a change for reno.
  if (n > 1 && letters.every((l) => l === "D") && olds.every((o) => o === olds[0])) return null;
  return letters.map((l, i) => {
    if (l === "A") return { type: "add", path, blob };
    if (l === "D") return { type: "delete", path, blob: olds[i] as string };
    return { type: ZERO.test(olds[i] as string) ? "add" : "modify", path, blob };
  });
}
