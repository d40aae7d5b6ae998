import { fail } from "../../errors/index.js";
import type { RefInfo } from "./git-read.js";
import { isReleaseTag, seriesBranchOf } from "./versions.js";

/** The refs of a repository with the lookups reno makes on them. */
export class RepoRefs {
  private byName = new Map<string, string>();
  private tagsByCommit = new Map<string, string[]>();

  constructor(
    refs: RefInfo[],
    readonly head: string,
  ) {
    const tags: RefInfo[] = [];
    for (const r of refs) {
      this.byName.set(r.name, r.commit);
      if (r.name.startsWith("refs/tags/") && isReleaseTag(r.name.slice(10))) tags.push(r);
    }
    // Tags on one commit come in the order they were made; the last one names the version.
    tags.sort((a, b) => a.date - b.date || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const t of tags) {
      const list = this.tagsByCommit.get(t.commit);
      if (list) list.push(t.name.slice(10));
      else this.tagsByCommit.set(t.commit, [t.name.slice(10)]);
    }
  }

  /** Release tags on a commit, oldest first. */
  tagsOn(sha: string): string[] {
    return this.tagsByCommit.get(sha) ?? [];
  }

  /** The commit a branch, remote, tag or closed branch's `-eol` tag names; HEAD when no name. */
  resolve(name: string | undefined): string {
    if (!name) return this.head;
    const candidates = [
      `refs/heads/${name}`,
      `refs/remotes/${name}`,
      `refs/tags/${name}`,
      `refs/tags/${name.slice(name.lastIndexOf("/") + 1)}-eol`,
      `refs/remotes/origin/${name}`,
    ];
    if (name.startsWith("origin/")) candidates.push(`refs/heads/${name.slice(7)}`);
    for (const c of candidates) {
      const sha = this.byName.get(c);
      if (sha) return sha;
    }
    throw fail(
      "BadValue",
      "release-note branch",
      "a branch, remote branch or tag of the repository",
      "stable/2025.1",
      name,
    );
  }

  /** Whether a name resolves. */
  has(name: string): boolean {
    try {
      this.resolve(name);
      return true;
    } catch {
      return false;
    }
  }

  /** Series branches (`stable/*`, open or closed by an `-eol` tag), sorted by name. */
  seriesBranches(): string[] {
    const names = new Set<string>();
    for (const ref of this.byName.keys()) {
      const b = seriesBranchOf(ref);
      if (b) names.add(b);
    }
    return [...names].sort();
  }
}
