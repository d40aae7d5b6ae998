import type { CommitGraph } from "./commit-graph.js";
import { dateWalk, firstParents, reachable } from "./graph.js";
import type { RepoRefs } from "./repo-refs.js";
import { sameVersion, type VersionRules } from "./versions.js";

/** The questions reno asks of a repository's history, answered from one graph read. */
export class History {
  private masterSet: Uint8Array | undefined;

  constructor(
    readonly graph: CommitGraph,
    readonly refs: RepoRefs,
    readonly rules: VersionRules,
  ) {}

  /** Release tags reachable from a branch, newest commit first (reno's "versions by date"). */
  tagsOnBranch(branch: string | undefined): string[] {
    const out: string[] = [];
    for (const c of dateWalk(this.graph, this.refs.resolve(branch))) {
      const tags = this.refs.tagsOn(c);
      if (tags.length) out.push(...tags);
    }
    return out;
  }

  /** Like `git describe` over first parents: the newest tag, plus `-N` when N commits follow it. */
  currentVersion(branch: string | undefined): string {
    let count = 0;
    for (const c of firstParents(this.graph, this.refs.resolve(branch))) {
      const tags = this.refs.tagsOn(c);
      if (tags.length) return count ? `${tags.at(-1)}-${count}` : (tags.at(-1) as string);
      count++;
    }
    return "0.0.0";
  }

  /** The tag on the first commit of `branch` (walked by date) that master also has; none when untagged. */
  branchBase(branch: string): string | undefined {
    this.masterSet ??= reachable(this.graph, this.refs.resolve("master"));
    for (const c of dateWalk(this.graph, this.refs.resolve(branch))) {
      if (this.masterSet[c]) return this.refs.tagsOn(c).at(-1);
    }
    return undefined;
  }

  /** The series branch made before `branch`, by name order. */
  earlierBranch(branch: string): string | undefined {
    const name = branch.startsWith("origin/") ? branch.slice(7) : branch;
    const names = this.refs.seriesBranches();
    const i = names.indexOf(name);
    return i > 0 ? names[i - 1] : undefined;
  }

  /**
   * The tag at which to stop walking so that `earliest` is still fully covered: on a branch the
   * base of the branch before it, else the next older tag of a different version.
   */
  scanStopPoint(
    earliest: string | undefined,
    byDate: string[],
    branch: string | undefined,
  ): string | undefined {
    if (!earliest) return undefined;
    const idx = byDate.indexOf(earliest) + 1;
    if (idx === 0) return undefined;
    if (branch && branch !== "master") {
      const previous = this.earlierBranch(branch);
      return previous ? this.branchBase(previous) : undefined;
    }
    if (this.rules.isPreRelease(earliest) && !this.rules.collapse) return byDate[idx];
    // Pre-releases are collapsed, so `1.0.0.0rc1` and `1.0.0` count as one version.
    return byDate.slice(idx).find((c) => !sameVersion(c, earliest));
  }
}
