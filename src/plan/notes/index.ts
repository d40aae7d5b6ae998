import { fail } from "../../errors/index.js";
import { readRenoConfig } from "./config.js";
import { BlobReader } from "./git-read.js";
import { gitGroup } from "./git-run.js";
import { parseNote } from "./note-parse.js";
import { type NotesByVersion, notesByVersion } from "./scanner.js";
import type { ReleaseNote, ScanOptions, ScanResult } from "./types.js";
import { noteUid, VersionRules } from "./versions.js";

export { renderNotesMarkdown, SECTION_TITLES } from "./render.js";
export type { ReleaseNote, ReportLayout, ScanOptions, ScanResult } from "./types.js";

/**
 * Release notes of a git repository with reno's semantics: each note under the earliest
 * release whose history added it, with its newest content; deleted notes gone; moved notes
 * kept by id; pre-releases folded into their final release; unreleased notes under
 * `<last tag>-<commits since>`. The repository's reno configuration (`releasenotes/config.yaml`
 * or `reno.yaml`) is followed; options given here win over it. `from` (exclusive) and `to`
 * (inclusive) pick a range of versions; `earliestVersion` is reno's own lower bound.
 * Unreadable notes and unsupported options become warnings.
 */
export async function scanNotes(opts: ScanOptions, git = "git"): Promise<ScanResult> {
  const warnings: string[] = [];
  const warn = (w: string) => warnings.push(w);
  const config = readRenoConfig(opts.repo, warn);
  const plan = {
    branch: opts.branch ?? config.branch,
    notesDir: opts.notesDir ?? config.notesDir,
    earliestVersion: opts.earliestVersion ?? config.earliestVersion,
    stopAtBranchBase: config.stopAtBranchBase,
    ignoreNullMerges: config.ignoreNullMerges,
    ignoreUids: new Set(config.ignoreNotes.map(noteUid)),
    rules: new VersionRules(config.naming),
  };
  // cat-file starts with the history readers and is fed note ids while the walk finds them.
  const group = gitGroup(opts.repo, git);
  const blobs = new BlobReader(group);
  let picked: NotesByVersion["versions"];
  try {
    const scanned = await notesByVersion(group, plan, blobs, warn);
    picked = selectRange(scanned, opts.from, opts.to);
  } catch (err) {
    blobs.stop();
    throw err;
  }
  const contents = await blobs.finish();
  const releases = picked.map(({ version, files }) => {
    const notes: ReleaseNote[] = [];
    for (const f of files) {
      const parsed = parseNote(f.file, contents.get(f.blob)?.toString("utf8") ?? "");
      if (!parsed.ok) {
        warnings.push(parsed.reason);
        continue;
      }
      warnings.push(...parsed.warnings);
      notes.push({
        id: noteUid(f.file),
        file: f.file,
        release: version,
        sections: parsed.sections,
      });
    }
    return { version, notes };
  });
  return { releases, warnings, layout: config.layout };
}

function selectRange(
  scanned: NotesByVersion,
  from: string | undefined,
  to: string | undefined,
): NotesByVersion["versions"] {
  const position = (tag: string, what: string) => {
    const v = scanned.canonical(tag);
    if (v === undefined)
      throw fail(
        "BadValue",
        what,
        "a release tag reachable from the scanned branch",
        scanned.order[0] ?? "1.0.0",
        tag,
      );
    return scanned.order.indexOf(v);
  };
  const upper = to === undefined ? 0 : position(to, "--to");
  const lower = from === undefined ? Number.POSITIVE_INFINITY : position(from, "--from");
  return scanned.versions.filter(({ version }) => {
    const i = scanned.order.indexOf(version);
    return i >= upper && i < lower;
  });
}
