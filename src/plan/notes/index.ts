import { fail } from "../../errors/index.js";
import { readBlobs } from "./git-read.js";
import { gitRunners } from "./git-run.js";
import { parseNote } from "./note-parse.js";
import { type NotesByVersion, notesByVersion } from "./scanner.js";
import type { ReleaseNote, ScanOptions, ScanResult } from "./types.js";
import { noteUid } from "./versions.js";

export { renderNotesMarkdown, SECTION_TITLES } from "./render.js";
export type { ReleaseNote, ScanOptions, ScanResult } from "./types.js";

/**
 * Release notes of a git repository with reno's semantics: each note under the earliest
 * release whose history added it, with its newest content; deleted notes gone; moved notes
 * kept by id; pre-releases folded into their final release; unreleased notes under
 * `<last tag>-<commits since>`. `from` (exclusive) and `to` (inclusive) pick a range of
 * versions; `earliestVersion` is reno's own lower bound. Unreadable notes become warnings.
 * git is run as a few processes side by side, hence the promise.
 */
export async function scanNotes(opts: ScanOptions, git = "git"): Promise<ScanResult> {
  const warnings: string[] = [];
  const runners = gitRunners(opts.repo, git);
  const scanning = notesByVersion(
    runners,
    {
      branch: opts.branch,
      notesDir: opts.notesDir ?? "releasenotes/notes",
      earliestVersion: opts.earliestVersion,
    },
    (w) => warnings.push(w),
  );
  let sendIds: (ids: string[]) => void = () => {};
  // cat-file starts now, after the history readers, and gets its ids once the walk picked them.
  const reading = readBlobs(runners.start, new Promise((resolve) => (sendIds = resolve)));
  reading.catch(() => {});
  let picked: NotesByVersion["versions"] = [];
  try {
    picked = selectRange(await scanning, opts.from, opts.to);
  } finally {
    sendIds(picked.flatMap((v) => v.files.map((f) => f.blob)));
  }
  const blobs = await reading;
  const releases = picked.map(({ version, files }) => {
    const notes: ReleaseNote[] = [];
    for (const f of files) {
      const parsed = parseNote(f.file, blobs.get(f.blob)?.toString("utf8") ?? "");
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
  return { releases, warnings };
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
