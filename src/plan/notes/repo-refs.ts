import { fail } from "../../errors/index.js";
import type { CommitGraph } from "./commit-graph.js";
import type { RefInfo } from "./git-read.js";
import type { VersionRules } from "./versions.js";

const NONE: string[] = [];

/** The refs of a repository with the lookups reno makes on them; commits as graph numbers. */
export class RepoRefs {
  private byName = new Map<string, number>();
  private tagsByCommit = new Map<number, string[]>();
  private series: string[];
  private head: number | undefined;

  /** `headSha` is needed only to resolve the checked-out branch (no name). */
  constructor(
    refs: RefInfo[],
    headSha: string | undefined,
    graph: CommitGraph,
    rules: VersionRules,
  ) {
    this.head = headSha === undefined ? undefined : graph.intern(headSha);
    const tags: RefInfo[] = [];
    const series = new Set<string>();
    for (const r of refs) {
      this.byName.set(r.name, graph.intern(r.commit));
      if (r.name.startsWith("refs/tags/") && rules.isReleaseTag(r.name.slice(10))) tags.push(r);
      const b = rules.seriesBranchOf(r.name);
      if (b) series.add(b);
    }
    this.series = [...series].sort();
    // Tags on one commit come in the order they were made; the last one names the version.
    tags.sort((a, b) => a.date - b.date || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const t of tags) {
      const c = graph.intern(t.commit);
      const list = this.tagsByCommit.get(c);
      if (list) list.push(t.name.slice(10));
      else this.tagsByCommit.set(c, [t.name.slice(10)]);
    }
  }

  /** The commit a release tag is on. */
  tagged(tag: string): number | undefined {
    const c = this.byName.get(`refs/tags/${tag}`);
    return c !== undefined && this.tagsOn(c).includes(tag) ? c : undefined;
  }

  /** Release tags on a commit, oldest first. */
  tagsOn(commit: number): string[] {
    return this.tagsByCommit.get(commit) ?? NONE;
  }

  /** The commit a branch, remote, tag or closed branch's `-eol` tag names; HEAD when no name. */
  resolve(name: string | undefined): number {
    const c = name ? this.find(name) : this.head;
    if (c === undefined)
      throw fail(
        "BadValue",
        "release-note branch",
        "a branch, remote branch or tag of the repository",
        "stable/2025.1",
        name ?? "HEAD",
      );
    return c;
  }

  private find(name: string): number | undefined {
    for (const c of candidates(name)) {
      const commit = this.byName.get(c);
      if (commit !== undefined) return commit;
    }
    return undefined;
  }

  /** Series branches (open, or closed by a tag), sorted by name. */
  seriesBranches(): string[] {
    return this.series;
  }
}

// reno's lookup order for a branch name.
function candidates(name: string): string[] {
  const out = [
    `refs/heads/${name}`,
    `refs/remotes/${name}`,
    `refs/tags/${name}`,
    `refs/tags/${name.slice(name.lastIndexOf("/") + 1)}-eol`,
    `refs/remotes/origin/${name}`,
  ];
  if (name.startsWith("origin/")) out.push(`refs/heads/${name.slice(7)}`);
  return out;
}
