// reno's default patterns (reno/config.py): a release tag *starts* like a version (Python
// re.match), and a pre-release ends in `.0rc1`, `.0b2`, `.0a1`.
const RELEASE_TAG = /^(?:v?[\p{Nd}.ab]|rc)/u;
const PRE_RELEASE = /\.v?\p{Nd}+(?:[ab]|rc)+\p{Nd}*$/u;
const SERIES_BRANCH = /stable\/.+/u;
const CLOSED_BRANCH_TAG = /(.+)-eol/u;

/** Whether a tag name counts as a release for reno. */
export function isReleaseTag(tag: string): boolean {
  return RELEASE_TAG.test(tag);
}

/** Whether a version is a pre-release (`1.0.0.0rc1`). */
export function isPreRelease(version: string): boolean {
  return PRE_RELEASE.test(version);
}

/** The final version a pre-release leads to: `1.0.0.0rc1` gives `1.0.0`. */
export function stripPreRelease(version: string): string {
  return version.replace(PRE_RELEASE, "");
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

/**
 * The series branch a ref names, if any: `stable/*` heads and `origin` remotes, and `<name>-eol`
 * tags standing for closed `stable/<name>` branches.
 */
export function seriesBranchOf(ref: string): string | undefined {
  let name: string | undefined;
  if (ref.startsWith("refs/remotes/origin/")) name = ref.slice(20);
  else if (ref.startsWith("refs/heads/")) name = ref.slice(11);
  if (name && SERIES_BRANCH.test(name)) return name;
  if (!ref.startsWith("refs/tags/")) return undefined;
  const m = CLOSED_BRANCH_TAG.exec(ref.slice(ref.lastIndexOf("/") + 1));
  return m ? `stable/${m[1]}` : undefined;
}

/** The note's unique id: the last 16 characters of its base name, or the first 16 for old names. */
export function noteUid(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  const dot = base.lastIndexOf(".");
  const root = dot > 0 ? base.slice(0, dot) : base;
  const tail = root.slice(-16);
  return tail.includes("-") ? root.slice(0, 16) : tail;
}
