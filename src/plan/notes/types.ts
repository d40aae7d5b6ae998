/** One release note as reno reads it: the file's latest content, filed under its earliest release. */
export interface ReleaseNote {
  /** The note's unique id, taken from its file name; it survives moves and backports. */
  id: string;
  /** Path of the note in the repository, at its newest name. */
  file: string;
  /** The version the note belongs to (a tag, or an unreleased `tag-count`). */
  release: string;
  /** Section name to its entries, e.g. upgrade, critical, security, fixes, features, prelude. */
  sections: Record<string, string[]>;
}

/**
 * What to scan: a repository and, optionally, a branch, a version range and the notes folder.
 * Options left out come from the repository's reno configuration, then reno's defaults.
 */
export interface ScanOptions {
  repo: string;
  /** Exclusive lower bound: a tag whose release (and older ones) are left out. */
  from?: string;
  /** Inclusive upper bound: the newest version kept. */
  to?: string;
  /** Branch to scan (e.g. `stable/2025.1`); default the checked-out HEAD. */
  branch?: string;
  /** The notes folder from the repository root; default `releasenotes/<notesdir>`. */
  notesDir?: string;
  /** reno's `earliest_version`: the oldest version reported (inclusive); also stops the history walk. */
  earliestVersion?: string;
}

/** How reno's report lays a release out: the prelude first, then the sections in order. */
export interface ReportLayout {
  /** The prelude's section name (reno's `prelude_section_name`). */
  prelude: string;
  sections: { name: string; title: string }[];
  /** Title for unreleased versions (`3.0.0-2`); empty keeps the version. */
  unreleasedTitle: string;
}

/** Notes grouped by version, newest version first, what could not be read, and the report layout. */
export interface ScanResult {
  releases: { version: string; notes: ReleaseNote[] }[];
  warnings: string[];
  layout: ReportLayout;
}

/** One note file picked for a version: its path, the commit of its newest content and that blob. */
export interface NoteRef {
  file: string;
  commit: string;
  blob: string;
}
