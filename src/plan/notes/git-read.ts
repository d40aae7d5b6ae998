import type { CommitGraph } from "./commit-graph.js";
import { collect, type GitGroup, type GitStream } from "./git-run.js";

/** A ref as reno sees it: its full name, the commit it ends at, and (tags) its date. */
export interface RefInfo {
  name: string;
  commit: string;
  /** Tagger time of an annotated tag, else the commit time (what reno sorts tags on a commit by). */
  date: number;
}

/**
 * Every branch, remote and tag ref, peeled to commits (refs to trees or blobs are left out),
 * and the commit HEAD points at (checked out or detached; none when HEAD has no commit yet).
 */
export async function readRefs(group: GitGroup): Promise<{ refs: RefInfo[]; head?: string }> {
  const fmt =
    "%(refname)%00%(objecttype)%00%(objectname)%00%(*objecttype)%00%(*objectname)%00%(taggerdate:unix)%00%(committerdate:unix)";
  const head = ["rev-parse", "-q", "--verify", "HEAD^{commit}"];
  const text = await collect(group, [head, ["for-each-ref", `--format=${fmt}`]]);
  const out: { refs: RefInfo[]; head?: string } = { refs: [] };
  for (const line of text.toString("utf8").split("\n")) {
    if (!line) continue;
    // HEAD's line is the only one without NUL separators.
    if (!line.includes("\0")) {
      out.head = line;
      continue;
    }
    const [name, type, sha, peeledType, peeled, tagDate, commitDate] = line.split("\0") as string[];
    if (type === "commit")
      out.refs.push({ name: name as string, commit: sha as string, date: Number(commitDate) });
    else if (type === "tag" && peeledType === "commit")
      out.refs.push({ name: name as string, commit: peeled as string, date: Number(tagDate) });
  }
  return out;
}

/**
 * Reads every commit reachable from a ref or HEAD into `graph` (time and parents), in one
 * `git rev-list` whose lines are parsed as git writes them. `stop` ends git early.
 */
export function readGraph(group: GitGroup, graph: CommitGraph): GitStream {
  let rest: Buffer | undefined;
  const parents: number[] = [];
  return group.add(["rev-list", "--all", "--parents", "--timestamp"], (chunk) => {
    let from = 0;
    if (rest) {
      // Only the line cut at the end of the last chunk is copied.
      from = chunk.indexOf(10) + 1;
      if (from === 0) {
        rest = Buffer.concat([rest, chunk]);
        return;
      }
      const line = Buffer.concat([rest, chunk.subarray(0, from)]);
      addCommits(graph, line, 0, line.length, parents);
      rest = undefined;
    }
    const end = chunk.lastIndexOf(10) + 1;
    addCommits(graph, chunk, from, end, parents);
    if (end < chunk.length) rest = Buffer.from(chunk.subarray(Math.max(end, from)));
  });
}

// Lines of `<time> <commit> <parent>...` in buf[from, end).
function addCommits(
  graph: CommitGraph,
  buf: Buffer,
  from: number,
  end: number,
  parents: number[],
): void {
  for (let pos = from; pos < end; ) {
    const eol = buf.indexOf(10, pos);
    let at = pos;
    let time = 0;
    for (; buf[at] !== 32; at++) time = time * 10 + ((buf[at] as number) - 48);
    let c = -1;
    parents.length = 0;
    for (at++; at < eol; ) {
      let stop = at;
      while (stop < eol && buf[stop] !== 32) stop++;
      const id = graph.internBytes(buf, at, stop - at);
      if (c < 0) c = id;
      else parents.push(id);
      at = stop + 1;
    }
    graph.setCommit(c, time, parents);
    pos = eol + 1;
  }
}

/**
 * Blob contents from one long-lived `git cat-file --batch`: ids are sent as the history walk
 * finds them (`want`, `flush`), so git reads blobs while the walk goes on; `finish` ends the
 * input and resolves to every blob asked for.
 */
export class BlobReader {
  private asked = new Set<string>();
  private queue: string[] = [];
  private blobs = new Map<string, Buffer>();
  private stream: GitStream;
  private pending: Buffer = EMPTY;

  constructor(group: GitGroup) {
    const args = ["cat-file", "--batch", "--buffer"];
    this.stream = group.add(args, (chunk) => this.take(chunk), { input: true });
  }

  want(blob: string): void {
    if (this.asked.has(blob)) return;
    this.asked.add(blob);
    this.queue.push(blob);
    if (this.queue.length >= 256) this.flush();
  }

  /** Sends the ids wanted since the last flush. */
  flush(): void {
    if (!this.queue.length) return;
    this.stream.write(`${this.queue.join("\n")}\n`);
    this.queue = [];
  }

  async finish(): Promise<Map<string, Buffer>> {
    this.flush();
    this.stream.end();
    await this.stream.done;
    return this.blobs;
  }

  /** Ends git early when the blobs are no longer wanted (the scan failed). */
  stop(): void {
    this.stream.stop();
  }

  // `<id> blob <size>\n<content>\n` per blob, `<id> missing\n` for an unknown one.
  private take(chunk: Buffer): void {
    const buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = 0;
    for (;;) {
      const nl = buf.indexOf(10, pos);
      if (nl < 0) break;
      const idEnd = buf.indexOf(32, pos);
      const typeEnd = buf.indexOf(32, idEnd + 1);
      if (typeEnd < 0 || typeEnd > nl) {
        pos = nl + 1; // `missing`
        continue;
      }
      let size = 0;
      for (let i = typeEnd + 1; i < nl; i++) size = size * 10 + ((buf[i] as number) - 48);
      const end = nl + 1 + size;
      if (end + 1 > buf.length) break;
      this.blobs.set(buf.toString("latin1", pos, idEnd), buf.subarray(nl + 1, end));
      pos = end + 1;
    }
    this.pending = pos < buf.length ? Buffer.from(buf.subarray(pos)) : EMPTY;
  }
}

const EMPTY = Buffer.alloc(0);
