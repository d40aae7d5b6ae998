import type { CommitGraph } from "./commit-graph.js";
import type { GitGroup, GitStream } from "./git-run.js";

/**
 * Finds null-merges: merges whose combined diff over the whole tree is empty in reno's sense
 * (dulwich's `tree_changes_for_merge`). That is not git's `diff-tree -c`: a path deleted by the
 * merge that every parent held identically counts as no change, and in an octopus merge a path
 * equal to one parent still counts when the other parents disagree on how it changed. One
 * `git diff-tree --stdin` of the group answers for all merges, one parent at a time.
 */
export class NullMergeCheck {
  private out: Buffer[] = [];
  private stream: GitStream;

  constructor(group: GitGroup) {
    const args = ["diff-tree", "--stdin", "--always", "-r", "--raw", "--no-abbrev", "--no-renames"];
    this.stream = group.add([...args, "-z"], (c) => this.out.push(c), { input: true });
  }

  /** The null-merges among `merges`. */
  async find(graph: CommitGraph, merges: number[]): Promise<Set<number>> {
    const found = new Set<number>();
    const lines: string[] = [];
    for (const m of merges)
      for (const p of graph.parents(m)) lines.push(`${graph.sha(m)} ${graph.sha(p)}\n`);
    this.stream.write(lines.join(""));
    this.stream.end();
    if (!merges.length) return found;
    await this.stream.done;
    const perLine = splitSections(Buffer.concat(this.out).toString("utf8"));
    let at = 0;
    for (const m of merges) {
      const n = graph.parentCount[m] as number;
      if (!combinedChanges(perLine.slice(at, at + n))) found.add(m);
      at += n;
    }
    return found;
  }

  /** Ends git when the check is not needed after all. */
  stop(): void {
    this.stream.stop();
  }
}

interface Change {
  status: string;
  oldBlob: string;
}

// Output of `diff-tree --stdin --always -z`: per input line, `<commit>` then `:<meta>`/path pairs.
function splitSections(text: string): Map<string, Change>[] {
  const sections: Map<string, Change>[] = [];
  const tokens = text.split("\0");
  for (let i = 0; i < tokens.length; i++) {
    const token = (tokens[i] as string).replace(/^\n/, "");
    if (!token) continue;
    if (token.startsWith(":")) {
      const fields = token.slice(1).split(" ");
      const path = tokens[++i] as string;
      sections
        .at(-1)
        ?.set(path, { status: (fields[4] as string)[0] as string, oldBlob: fields[2] as string });
    } else {
      sections.push(new Map());
    }
  }
  return sections;
}

// dulwich reports a type change (file to symlink, say) as a delete and an add, keeping the add.
const kind = (c: Change) =>
  c.status === "D" ? "delete" : c.status === "A" || c.status === "T" ? "add" : "modify";

// Whether dulwich would list any path as changed by the merge, given its diff to each parent.
function combinedChanges(perParent: Map<string, Change>[]): boolean {
  const paths = new Set<string>();
  for (const diff of perParent) for (const path of diff.keys()) paths.add(path);
  for (const path of paths) {
    const have = perParent.map((d) => d.get(path));
    const present = have.filter((c): c is Change => c !== undefined);
    if (present.every((c) => kind(c) === "delete")) {
      if (present.some((c) => c.oldBlob !== (present[0] as Change).oldBlob)) return true;
    } else if (present.some((c) => kind(c) !== kind(present[0] as Change))) {
      return true;
    } else if (present.length === have.length) {
      return true;
    }
  }
  return false;
}
