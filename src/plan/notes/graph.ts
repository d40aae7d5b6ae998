import type { CommitGraph } from "./commit-graph.js";

/** Marks (1) every commit reachable from `head`. */
export function reachable(graph: CommitGraph, head: number): Uint8Array {
  const seen = new Uint8Array(graph.size);
  const { parentStart, parentCount, edges } = graph;
  const stack = [head];
  seen[head] = 1;
  while (stack.length) {
    const c = stack.pop() as number;
    const end = (parentStart[c] as number) + (parentCount[c] as number);
    for (let i = parentStart[c] as number; i < end; i++) {
      const p = edges[i] as number;
      if (!seen[p]) {
        seen[p] = 1;
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
export function* dateWalk(graph: CommitGraph, head: number): Generator<number> {
  const heap = new CommitHeap(graph);
  const done = new Uint8Array(graph.size);
  const { parentStart, parentCount, edges } = graph;
  heap.push(head);
  while (heap.size) {
    const c = heap.pop();
    if (done[c]) continue;
    done[c] = 1;
    const end = (parentStart[c] as number) + (parentCount[c] as number);
    for (let i = parentStart[c] as number; i < end; i++) {
      const p = edges[i] as number;
      if (!done[p]) heap.push(p);
    }
    yield c;
  }
}

class CommitHeap {
  private items: number[] = [];
  private queued: Uint8Array;
  constructor(private graph: CommitGraph) {
    this.queued = new Uint8Array(graph.size);
  }
  get size(): number {
    return this.items.length;
  }
  push(c: number): void {
    if (this.queued[c]) return;
    this.queued[c] = 1;
    const a = this.items;
    a.push(c);
    for (let i = a.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.before(a[i] as number, a[up] as number)) break;
      [a[i], a[up]] = [a[up] as number, a[i] as number];
      i = up;
    }
  }
  pop(): number {
    const a = this.items;
    const top = a[0] as number;
    const last = a.pop() as number;
    this.queued[top] = 0;
    if (a.length) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l] as number, a[m] as number)) m = l;
        if (r < a.length && this.before(a[r] as number, a[m] as number)) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m] as number, a[i] as number];
        i = m;
      }
    }
    return top;
  }
  private before(x: number, y: number): boolean {
    const tx = this.graph.time[x] as number;
    const ty = this.graph.time[y] as number;
    return tx !== ty ? tx > ty : this.graph.compareSha(x, y) < 0;
  }
}

/**
 * reno's linearised history from `head`: a merge's later parents are followed back to the fork
 * point before its first parent, so mainline tags land on the right side of merges. A merge
 * `skipMerge` says yes to (a null-merge) is passed over with its later parents, as reno does.
 */
export function* topoWalk(
  graph: CommitGraph,
  head: number,
  skipMerge: (merge: number) => boolean,
): Generator<number> {
  const [childStart, childList] = childrenOf(graph, reachable(graph, head));
  const { parentStart, parentCount, edges } = graph;
  const emitted = new Uint8Array(graph.size);
  const queued = new Uint8Array(graph.size);
  const todo = [head]; // a stack: the end of the array is its top
  queued[head] = 1;
  const push = (p: number) => {
    if (!queued[p] && !emitted[p]) {
      todo.push(p);
      queued[p] = 1;
    }
  };
  const waiting = (c: number) => {
    for (let i = childStart[c] as number; i < (childStart[c + 1] as number); i++)
      if (!emitted[childList[i] as number]) return true;
    return false;
  };
  while (todo.length) {
    const c = todo.pop() as number;
    queued[c] = 0;
    const first = parentStart[c] as number;
    const end = first + (parentCount[c] as number);
    if (end - first > 1 && skipMerge(c)) {
      for (let i = first + 1; i < end; i++) emitted[edges[i] as number] = 1;
      emitted[c] = 1;
      push(edges[first] as number);
      continue;
    }
    if (waiting(c)) continue;
    emitted[c] = 1;
    yield c;
    for (let i = first; i < end; i++) push(edges[i] as number);
  }
}

// Children of the commits marked in `within`, as a compressed adjacency list.
function childrenOf(graph: CommitGraph, within: Uint8Array): [Int32Array, Int32Array] {
  const n = graph.size;
  const { parentStart, parentCount, edges } = graph;
  const start = new Int32Array(n + 1);
  for (let c = 0; c < n; c++) {
    if (!within[c]) continue;
    const end = (parentStart[c] as number) + (parentCount[c] as number);
    for (let i = parentStart[c] as number; i < end; i++) {
      const p = edges[i] as number;
      start[p + 1] = (start[p + 1] as number) + 1;
    }
  }
  for (let i = 0; i < n; i++) start[i + 1] = (start[i + 1] as number) + (start[i] as number);
  const fill = start.slice(0, n);
  const list = new Int32Array(start[n] as number);
  for (let c = 0; c < n; c++) {
    if (!within[c]) continue;
    const end = (parentStart[c] as number) + (parentCount[c] as number);
    for (let i = parentStart[c] as number; i < end; i++) {
      const p = edges[i] as number;
      list[fill[p] as number] = c;
      fill[p] = (fill[p] as number) + 1;
    }
  }
  return [start, list];
}

/** First-parent chain from `head`, head first. */
export function* firstParents(graph: CommitGraph, head: number): Generator<number> {
  for (let c: number | undefined = head; c !== undefined; c = graph.firstParent(c)) yield c;
}
