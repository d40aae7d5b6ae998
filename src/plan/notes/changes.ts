import { fail } from "../../errors/index.js";
import type { CommitGraph } from "./commit-graph.js";
import type { GitGroup, GitStream } from "./git-run.js";
import { type FileChange, parseCombined, parseSingle } from "./raw-diff.js";

export type { FileChange } from "./raw-diff.js";

/**
 * Note changes of commits from one `git log`, read while git writes it: either of all history
 * from a revision (`from`: `HEAD`, `--all`; the log then also fills the commit graph with
 * every commit's time and parents) or of the commits later given to `visit`, in that order.
 * `--sparse` lists every commit, touching the notes or not, so a commit's changes are complete
 * once the next commit starts. Merges get one change per parent for each path that differs
 * from all of them (git's combined diff), as reno's merge diff does; renames are not detected
 * because reno pairs adds and deletes by note id itself. The output is kept as bytes; a
 * commit's changes are parsed when asked for.
 */
export class ChangeFeed {
  private data = Buffer.alloc(1 << 20);
  private length = 0;
  private scanned = 0;
  private expectPath = false;
  private current = -1;
  private entriesFrom = -1;
  private entriesTo = -1;
  // By commit number: where its raw lines start and end in `data` (0 when it has none), and
  // whether git has listed it.
  private regionFrom = new Int32Array(1024);
  private regionTo = new Int32Array(1024);
  private seen = new Uint8Array(1024);
  private ended = false;
  private failed: unknown;
  private wake: (() => void) | undefined;
  private stream: GitStream;
  private parents: number[] = [];
  private withGraph: boolean;

  constructor(
    group: GitGroup,
    private graph: CommitGraph,
    notesDir: string,
    from: string | undefined,
  ) {
    this.withGraph = from !== undefined;
    const dir = `:(literal)${notesDir.replace(/\/+$/, "")}/`;
    const diff = ["--root", "--no-renames", "--no-ext-diff", "-c", "--raw", "--no-abbrev", "-z"];
    const log = ["log", "--sparse", "--no-show-signature", "--no-color", ...diff];
    const args =
      from !== undefined
        ? [...log, from, "--full-history", "--format=%x01%H %ct %P", "--", dir]
        : [...log, "--no-walk=unsorted", "--stdin", "--format=%x01%H", "--", dir];
    const input = from === undefined;
    this.stream = group.add(args, (chunk) => this.take(chunk), { input });
    this.stream.done.then(
      () => this.settle(undefined),
      (err: unknown) => this.settle(err ?? new Error("git log failed")),
    );
  }

  /** Asks git for these commits' changes, in this order (a feed of visited commits). */
  visit(commits: number[]): void {
    const lines: string[] = [];
    for (const c of commits) lines.push(this.graph.sha(c));
    lines.push("");
    this.stream.write(lines.join("\n"));
    this.stream.end();
  }

  /** Whether `commit`'s changes have been read in full. */
  has(commit: number): boolean {
    return this.seen[commit] === 1 && (commit !== this.current || this.ended);
  }

  /** Waits until `commit`'s changes have been read; fails when git does or never lists it. */
  async until(commit: number): Promise<void> {
    while (!this.has(commit)) {
      if (this.failed) throw this.failed;
      if (this.ended)
        throw fail(
          "BadValue",
          "release-note repository",
          "a repository whose history does not change during the scan (run it again)",
          "/srv/kolla-ansible",
          `a commit git log did not list: ${this.graph.sha(commit)}`,
        );
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
    }
  }

  /** Waits for the whole log. */
  async whole(): Promise<void> {
    await this.stream.done;
    if (this.failed) throw this.failed;
  }

  /** The commit's note changes: one list per changed path, one change per parent. */
  get(commit: number): FileChange[][] | undefined {
    const from = this.regionFrom[commit] ?? 0;
    if (from === 0) return undefined;
    const to = this.regionTo[commit] as number;
    const out: FileChange[][] = [];
    const { data } = this;
    for (let at = from; at < to; ) {
      if (data[at] === 10) at++;
      if (data[at] !== 58) {
        at = data.indexOf(0, at) + 1;
        continue;
      }
      const metaEnd = data.indexOf(0, at);
      const pathEnd = data.indexOf(0, metaEnd + 1);
      const path = data.toString("utf8", metaEnd + 1, pathEnd);
      const perParent =
        data[at + 1] === 58
          ? parseCombined(data.toString("latin1", at, metaEnd), path)
          : [parseSingle(data, at, metaEnd, path)];
      if (perParent) out.push(perParent);
      at = pathEnd + 1;
    }
    return out;
  }

  /** Ends git: the walk has what it needs. */
  stop(): void {
    this.stream.stop();
  }

  private settle(err: unknown): void {
    this.closeCommit();
    this.ended = true;
    this.failed = err;
    this.wake?.();
  }

  private take(chunk: Buffer): void {
    if (this.length + chunk.length > this.data.length) {
      const bigger = Buffer.alloc(Math.max(this.data.length * 2, this.length + chunk.length));
      this.data.copy(bigger, 0, 0, this.length);
      this.data = bigger;
    }
    chunk.copy(this.data, this.length);
    this.length += chunk.length;
    this.tokens();
    this.wake?.();
  }

  // NUL-ended tokens: `\x01<commit>[ <time> <parents>]`, then `:<modes> <blobs> <status>` and
  // `<path>` pairs (a token may start with a newline).
  private tokens(): void {
    const { data } = this;
    for (;;) {
      const end = data.indexOf(0, this.scanned);
      if (end < 0 || end >= this.length) return;
      let at = this.scanned;
      this.scanned = end + 1;
      if (this.expectPath) {
        this.expectPath = false;
        this.entriesTo = end + 1;
        continue;
      }
      if (data[at] === 10) at++;
      if (data[at] === 1) this.header(at + 1, end);
      else if (data[at] === 58) {
        this.expectPath = true;
        if (this.entriesFrom < 0) this.entriesFrom = at;
      }
    }
  }

  private header(from: number, end: number): void {
    this.closeCommit();
    const { data } = this;
    let at = from;
    while (at < end && data[at] !== 32) at++;
    const c = this.graph.internBytes(data, from, at - from);
    if (this.withGraph) this.readCommit(c, at + 1, end);
    this.current = c;
    if (c >= this.seen.length) this.grow(c);
    this.seen[c] = 1;
  }

  // ` <time> <parent> <parent>` after the commit id.
  private readCommit(c: number, from: number, end: number): void {
    const { data } = this;
    let time = 0;
    let at = from;
    for (; at < end && data[at] !== 32; at++) time = time * 10 + ((data[at] as number) - 48);
    const parents = this.parents;
    parents.length = 0;
    for (at++; at < end; ) {
      let stop = at;
      while (stop < end && data[stop] !== 32) stop++;
      if (stop > at) parents.push(this.graph.internBytes(data, at, stop - at));
      at = stop + 1;
    }
    this.graph.setCommit(c, time, parents);
  }

  private closeCommit(): void {
    if (this.current >= 0 && this.entriesFrom >= 0) {
      this.regionFrom[this.current] = this.entriesFrom;
      this.regionTo[this.current] = this.entriesTo;
    }
    this.entriesFrom = -1;
  }

  private grow(c: number): void {
    const size = Math.max(c + 1, this.seen.length * 2);
    const seen = new Uint8Array(size);
    seen.set(this.seen);
    this.seen = seen;
    const from = new Int32Array(size);
    from.set(this.regionFrom);
    this.regionFrom = from;
    const to = new Int32Array(size);
    to.set(this.regionTo);
    this.regionTo = to;
  }
}
