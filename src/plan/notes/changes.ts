import type { GitRunner } from "./git-read.js";

/** A change to one file relative to one parent, the way reno's tree diff reports it. */
export interface FileChange {
  type: "add" | "delete" | "modify";
  path: string;
  /** The blob after the change (the one before it, for a delete). */
  blob: string;
}

const ZERO = /^0+$/;

/**
 * Changes under `notesDir` per commit, for every commit reachable from any ref, in one
 * `git log` pass. Merges get one change per parent for each path that differs from all of
 * them (git's combined diff), as reno's merge diff does; renames are not detected here
 * because reno pairs adds and deletes by note id itself.
 */
export function readNoteChanges(run: GitRunner, notesDir: string): Map<string, FileChange[][]> {
  const dir = `${notesDir.replace(/\/+$/, "")}/`;
  const args = [
    "log",
    "--all",
    "--full-history",
    "--no-renames",
    "--no-ext-diff",
    "-c",
    "--raw",
    "--no-abbrev",
    "-z",
    "--format=%x01%H",
    "--",
    dir,
  ];
  const out = new Map<string, FileChange[][]>();
  for (const chunk of run(args).toString("utf8").split("\x01")) {
    if (!chunk) continue;
    const tokens = chunk.split("\0");
    const sha = tokens[0] as string;
    const changes: FileChange[][] = [];
    for (let i = 1; i < tokens.length; i++) {
      const meta = (tokens[i] as string).replace(/^\n/, "");
      if (!meta.startsWith(":")) continue;
      const path = tokens[++i] as string;
      const perParent = parseRaw(meta, path);
      if (perParent) changes.push(perParent);
    }
    if (changes.length) out.set(sha, changes);
  }
  return out;
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
