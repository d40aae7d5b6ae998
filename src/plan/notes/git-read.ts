import type { GitStarter } from "./git-run.js";

/** A ref as reno sees it: its full name, the commit it ends at, and (tags) its date. */
export interface RefInfo {
  name: string;
  commit: string;
  /** Tagger time of an annotated tag, else the commit time (what reno sorts tags on a commit by). */
  date: number;
}

/** Every branch, remote and tag ref, peeled to commits; refs to trees or blobs are left out. */
export async function readRefs(start: GitStarter): Promise<RefInfo[]> {
  const fmt =
    "%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(taggerdate:unix)%00%(committerdate:unix)";
  const out: RefInfo[] = [];
  for (const line of (await start(["for-each-ref", `--format=${fmt}`]))
    .toString("utf8")
    .split("\n")) {
    if (!line) continue;
    const [name, type, sha, peeledType, peeled, tagDate, commitDate] = line.split("\0") as string[];
    if (type === "commit")
      out.push({ name: name as string, commit: sha as string, date: Number(commitDate) });
    else if (type === "tag" && peeledType === "commit")
      out.push({ name: name as string, commit: peeled as string, date: Number(tagDate) });
  }
  return out;
}

/** The commit HEAD points at. */
export async function readHead(start: GitStarter): Promise<string> {
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
  const text = (await start(["rev-list", "--all", "--parents", "--timestamp"])).toString("latin1");
  for (const line of text.split("\n")) {
    if (!line) continue;
    const parts = line.split(" ");
    graph.set(parts[1] as string, { time: Number(parts[0]), parents: parts.slice(2) });
  }
  return graph;
}

/** Contents of blobs by id, fetched in one `git cat-file --batch` call. */
export async function readBlobs(start: GitStarter, shas: string[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const unique = [...new Set(shas)];
  if (unique.length === 0) return out;
  const buf = await start(["cat-file", "--batch"], `${unique.join("\n")}\n`);
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
