import type { GitStarter } from "./git-run.js";

/** A ref as reno sees it: its full name, the commit it ends at, and (tags) its date. */
export interface RefInfo {
  name: string;
  commit: string;
  /** Tagger time of an annotated tag, else the commit time (what reno sorts tags on a commit by). */
  date: number;
}

/**
 * Every branch, remote and tag ref, peeled to commits (refs to trees or blobs are left out),
 * and the commit HEAD points at: from the checked-out branch, or asked of git when detached.
 */
export async function readRefs(start: GitStarter): Promise<{ refs: RefInfo[]; head: string }> {
  const fmt =
    "%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(taggerdate:unix)%00%(committerdate:unix)%00%(HEAD)";
  const out: RefInfo[] = [];
  let head: string | undefined;
  for (const line of (await start(["for-each-ref", `--format=${fmt}`]))
    .toString("utf8")
    .split("\n")) {
    if (!line) continue;
    const [name, type, sha, peeledType, peeled, tagDate, commitDate, current] = line.split(
      "\0",
    ) as string[];
    if (current === "*" && type === "commit") head = sha;
    if (type === "commit")
      out.push({ name: name as string, commit: sha as string, date: Number(commitDate) });
    else if (type === "tag" && peeledType === "commit")
      out.push({ name: name as string, commit: peeled as string, date: Number(tagDate) });
  }
  return { refs: out, head: head ?? (await readHead(start)) };
}

/** The commit HEAD points at. */
async function readHead(start: GitStarter): Promise<string> {
  return (await start(["rev-parse", "--verify", "HEAD^{commit}"])).toString("utf8").trim();
}

/** One commit of the graph: commit time and parents in order. */
export interface CommitNode {
  time: number;
  parents: string[];
}

/** The whole commit graph reachable from any ref, in one `git rev-list` call. */
export async function readGraph(start: GitStarter): Promise<Map<string, CommitNode>> {
  const graph = new Map<string, CommitNode>();
  const text = await start(["rev-list", "--all", "--parents", "--timestamp"]);
  for (const line of text.toString("latin1").split("\n")) {
    if (!line) continue;
    const parts = line.split(" ");
    graph.set(parts[1] as string, { time: Number(parts[0]), parents: parts.slice(2) });
  }
  return graph;
}

/**
 * Contents of blobs by id, fetched in one `git cat-file --batch` call. The process starts at
 * once; the ids are sent when `shas` settles.
 */
export async function readBlobs(
  start: GitStarter,
  shas: Promise<string[]>,
): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const input = shas.then((list) => [...new Set(list)].map((sha) => `${sha}\n`).join(""));
  const buf = await start(["cat-file", "--batch", "--buffer"], input);
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    const [sha, type, size] = buf.subarray(pos, nl).toString("latin1").split(" ");
    pos = nl + 1;
    if (type === "missing" || size === undefined) continue;
    const end = pos + Number(size);
    out.set(sha as string, buf.subarray(pos, end));
    pos = end + 1;
  }
  return out;
}
