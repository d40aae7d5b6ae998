import type { CommitNode } from "./git-read.js";

/** The commit graph: commit id to its time and parents. */
export type Graph = Map<string, CommitNode>;

/** Every commit reachable from `head`. */
export function reachable(graph: Graph, head: string): Set<string> {
  const seen = new Set<string>([head]);
  const stack = [head];
  while (stack.length) {
    for (const p of graph.get(stack.pop() as string)?.parents ?? []) {
      if (!seen.has(p)) {
        seen.add(p);
        stack.push(p);
      }
    }
  }
  return seen;
}

/**
 * Commits from `head` newest commit time first, ties by smaller id: the order of dulwich's
 * default walker, which reno uses to list tags "by date" and to find a branch base.
 */
export function* dateWalk(graph: Graph, head: string): Generator<string> {
  const heap = new CommitHeap(graph);
  const done = new Set<string>();
  heap.push(head);
  while (heap.size) {
    const sha = heap.pop();
    if (done.has(sha)) continue;
    done.add(sha);
    for (const p of graph.get(sha)?.parents ?? []) if (!done.has(p)) heap.push(p);
    yield sha;
  }
}

class CommitHeap {
  private items: string[] = [];
  private queued = new Set<string>();
  constructor(private graph: Graph) {}
  get size(): number {
    return this.items.length;
  }
  push(sha: string): void {
    if (this.queued.has(sha)) return;
    this.queued.add(sha);
    const a = this.items;
    a.push(sha);
    for (let i = a.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.before(a[i] as string, a[up] as string)) break;
      [a[i], a[up]] = [a[up] as string, a[i] as string];
      i = up;
    }
  }
  pop(): string {
    const a = this.items;
    const top = a[0] as string;
    const last = a.pop() as string;
    this.queued.delete(top);
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l] as string, a[m] as string)) m = l;
        if (r < a.length && this.before(a[r] as string, a[m] as string)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as string, a[i] as string];
        i = m;
      }
    }
    return top;
  }
  private before(x: string, y: string): boolean {
    const tx = this.graph.get(x)?.time ?? 0;
    const ty = this.graph.get(y)?.time ?? 0;
    return tx !== ty ? tx > ty : x < y;
  }
}

/**
 * reno's linearised history from `head`: a merge's later parents are followed back to the
 * fork point before its first parent, so mainline tags land on the right side of merges.
 * `skipMerge(sha)` says a merge is a null-merge whose later parents are to be skipped.
 */
export function* topoWalk(
  graph: Graph,
  head: string,
  skipMerge: (sha: string) => boolean,
): Generator<string> {
  const children = childrenOf(graph, reachable(graph, head));
  const emitted = new Set<string>();
  const todo: string[] = [head]; // a stack: the end of the array is its top
  const queued = new Set<string>([head]);
  const push = (p: string) => {
    if (!queued.has(p) && !emitted.has(p)) {
      todo.push(p);
      queued.add(p);
    }
  };
  while (todo.length) {
    const sha = todo.pop() as string;
    queued.delete(sha);
    const parents = graph.get(sha)?.parents ?? [];
    if (parents.length > 1 && skipMerge(sha)) {
      for (const p of parents.slice(1)) emitted.add(p);
      emitted.add(sha);
      push(parents[0] as string);
      continue;
    }
    if (waiting(children.get(sha), emitted)) continue;
    emitted.add(sha);
    yield sha;
    for (const p of parents) push(p);
  }
}

function waiting(children: string[] | undefined, emitted: Set<string>): boolean {
  if (children) for (const c of children) if (!emitted.has(c)) return true;
  return false;
}

function childrenOf(graph: Graph, commits: Set<string>): Map<string, string[]> {
  const children = new Map<string, string[]>();
  for (const sha of commits) {
    for (const p of graph.get(sha)?.parents ?? []) {
      const list = children.get(p);
      if (list) list.push(sha);
      else children.set(p, [sha]);
    }
  }
  return children;
}

/** First-parent chain from `head`, head first. */
export function* firstParents(graph: Graph, head: string): Generator<string> {
  for (let sha: string | undefined = head; sha; sha = graph.get(sha)?.parents[0]) yield sha;
}
