import type { GitStarter } from "./git-run.js";

/** A change to one file relative to one parent, the way reno's tree diff reports it. */
export interface FileChange {
  type: "add" | "delete" | "modify";
  path: string;
  /** The blob after the change (the one before it, for a delete). */
  blob: string;
}

const ZERO = /^0+$/;

/**
 * Changes under `notesDir` per commit, for every commit reachable from any ref. Merges get one
 * change per parent for each path that differs from all of them (git's combined diff), as
 * reno's merge diff does; renames are not detected here because reno pairs adds and deletes by
 * note id itself. Plain commits and merges are read by two `git log` passes run side by side:
 * together they cost less than one pass computing combined diffs for every commit.
 */
export async function readNoteChanges(
  start: GitStarter,
  notesDir: string,
): Promise<Map<string, FileChange[][]>> {
  const dir = `${notesDir.replace(/\/+$/, "")}/`;
  const log = (only: string[]) =>
    start([
      "log",
      "--all",
      "--full-history",
      "--no-renames",
      "--no-ext-diff",
      ...only,
      "--raw",
      "--no-abbrev",
      "-z",
      "--format=%x01%H",
      "--",
      dir,
    ]);
  const passes = await Promise.all([log(["--no-merges"]), log(["--merges", "-c"])]);
  const out = new Map<string, FileChange[][]>();
  for (const pass of passes) parseLog(pass.toString("utf8"), out);
  return out;
}

function parseLog(text: string, out: Map<string, FileChange[][]>): void {
  for (const chunk of text.split("\x01")) {
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
