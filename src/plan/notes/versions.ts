import { fail } from "../../errors/index.js";
import { pythonRegex } from "./py-regex.js";

/** The naming rules a scan follows: reno's patterns and pre-release handling. */
export interface NamingOptions {
  releaseTagRe: string;
  preReleaseTagRe: string;
  branchNameRe: string;
  closedBranchTagRe: string;
  branchNamePrefix: string;
  collapsePreReleases: boolean;
}

/** reno's defaults (reno/config.py), in its own Python syntax. */
export const DEFAULT_NAMING: NamingOptions = {
  releaseTagRe: "((?:v?[\\d.ab]|rc)+)  # digits, a, b, and rc cover regular and\n# pre-releases\n",
  preReleaseTagRe: "(?P<pre_release>\\.v?\\d+(?:[ab]|rc)+\\d*)$\n",
  branchNameRe: "stable/.+",
  closedBranchTagRe: "(.+)-eol",
  branchNamePrefix: "stable/",
  collapsePreReleases: true,
};

/** Which tags are releases, which are pre-releases, and which refs are series branches. */
export class VersionRules {
  private releaseTag: RegExp;
  private preRelease: RegExp;
  private branchName: RegExp;
  private closedBranchTag: RegExp;
  readonly collapse: boolean;

  constructor(private opts: NamingOptions = DEFAULT_NAMING) {
    this.releaseTag = compile("release_tag_re", opts.releaseTagRe, true);
    this.preRelease = compile("pre_release_tag_re", opts.preReleaseTagRe, false);
    this.branchName = compile("branch_name_re", opts.branchNameRe, false);
    this.closedBranchTag = compile("closed_branch_tag_re", opts.closedBranchTagRe, false);
    this.collapse = opts.collapsePreReleases;
  }

  /** Whether a tag name counts as a release (reno matches the pattern at the start of the name). */
  isReleaseTag(tag: string): boolean {
    return this.releaseTag.test(tag);
  }

  /** Whether a version is a pre-release (`1.0.0.0rc1`). */
  isPreRelease(version: string): boolean {
    return this.preRelease.test(version);
  }

  /** The final version a pre-release leads to: the `pre_release` group cut out (`1.0.0.0rc1` gives `1.0.0`). */
  stripPreRelease(version: string): string {
    const m = this.preRelease.exec(version);
    if (!m) return version;
    const span = m.indices?.groups?.pre_release;
    if (!span)
      throw fail(
        "BadValue",
        "pre_release_tag_re in the reno configuration",
        "a pattern with a group named pre_release",
        "(?P<pre_release>\\.v?\\d+(?:[ab]|rc)+\\d*)$",
        this.opts.preReleaseTagRe.trim(),
      );
    return version.slice(0, span[0]) + version.slice(span[1]);
  }

  /**
   * The series branch a ref names, if any: branches and `origin` remotes matching
   * branch_name_re, and tags matching closed_branch_tag_re standing for closed branches.
   */
  seriesBranchOf(ref: string): string | undefined {
    let name: string | undefined;
    if (ref.startsWith("refs/remotes/origin/")) name = ref.slice(20);
    else if (ref.startsWith("refs/heads/")) name = ref.slice(11);
    if (name && this.branchName.test(name)) return name;
    if (!ref.startsWith("refs/tags/")) return undefined;
    const m = this.closedBranchTag.exec(ref.slice(ref.lastIndexOf("/") + 1));
    return m ? `${this.opts.branchNamePrefix}${m[1]}` : undefined;
  }
}

// Compiled patterns by source: most scans use reno's defaults.
const compiled = new Map<string, RegExp>();

function compile(option: string, source: string, anchored: boolean): RegExp {
  const key = `${anchored ? "^" : ""}${source}`;
  const known = compiled.get(key);
  if (known) return known;
  try {
    const re = pythonRegex(source, anchored);
    compiled.set(key, re);
    return re;
  } catch (err) {
    throw fail(
      "BadValue",
      `${option} in the reno configuration`,
      `${option} as a regular expression stacklog can read (${(err as Error).message})`,
      "((?:v?[\\d.ab]|rc)+)",
      source.trim(),
    );
  }
}

/** First three dot-separated parts, numeric where they parse as integers (reno's comparison key). */
export function versionKey(version: string): (number | string)[] {
  return [...version.split("."), "0", "0", "0"]
    .slice(0, 3)
    .map((p) => (/^\s*[+-]?\d+\s*$/.test(p) ? Number(p) : p));
}

/** Whether two versions share reno's comparison key. */
export function sameVersion(a: string, b: string): boolean {
  const ka = versionKey(a);
  const kb = versionKey(b);
  return ka.every((x, i) => x === kb[i]);
}

/** The note's unique id: the last 16 characters of its base name, or the first 16 for old names. */
export function noteUid(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  const root = dot > 0 ? base.slice(0, dot) : base;
  const tail = root.slice(-16);
  return tail.includes("-") ? root.slice(0, 16) : tail;
}
