import fs from "node:fs";
import path from "node:path";
import { fail } from "../errors/index.js";
import type { Journal, JournalReader } from "../journal/index.js";
import { ASSETS } from "./assets.js";
import { glossaryPage } from "./glossary-page.js";
import { indexPage } from "./index-page.js";
import { collectLessons, lessonsPage } from "./lessons-page.js";
import {
  journalKey,
  MANIFEST_FILE,
  type Manifest,
  type ManifestEntry,
  manifestText,
  RENDERER_VERSION,
  readManifest,
} from "./manifest.js";
import { StagedWriter } from "./out-dir.js";
import { accountPath, GLOSSARY_PATH } from "./paths.js";
import { publishJournal, put, type Run } from "./publish-journal.js";
import { readLessonsCache } from "./render-cache.js";
import { SAFE_SEGMENT } from "./routes.js";
import { searchPage } from "./search-page.js";
import { type KnownSecret, secretFinder } from "./secret-guard.js";

export interface PublishOptions {
  reader: JournalReader;
  outDir: string;
  /** Journal ids or unique prefixes to publish (default: every journal). */
  journals?: readonly string[];
  /** Called after each journal and each shared page. */
  onProgress?: (done: number, total: number) => void;
  /** Values the site must not contain; publishing is refused (and nothing written) if one appears. */
  secrets?: readonly KnownSecret[];
  now?: () => number;
}

export interface PublishResult {
  outDir: string;
  /** Files written (pages, shards, assets, manifest). */
  written: number;
  /** Pages of unchanged journals that were not rendered again. */
  skipped: number;
  journalsRendered: number;
  journalsSkipped: number;
}

function selectJournals(reader: JournalReader, refs?: readonly string[]): Journal[] {
  const all = refs ? refs.map((r) => reader.getJournal(r)) : reader.listJournals();
  const unique = [...new Map(all.map((j) => [j.id, j])).values()];
  for (const j of unique)
    if (!SAFE_SEGMENT.test(j.id))
      throw fail("UnsafeOutputPath", accountPath(j.id), "the output folder");
  return unique;
}

/**
 * Renders the site's pages to static files in `outDir`: relative links, `index.html` per folder,
 * readable from file://. Journals unchanged since the last publish (same lastSeq, metadata and
 * renderer) are not rendered again. Everything is staged first; on a refusal nothing is written.
 */
export function publishSite(o: PublishOptions): PublishResult {
  const outDir = path.resolve(o.outDir);
  const journals = selectJournals(o.reader, o.journals);
  const manifest = readManifest(outDir);
  const next: Manifest = { renderer: RENDERER_VERSION, journals: { ...manifest.journals } };
  const run: Run = {
    o,
    writer: new StagedWriter(outDir),
    find: secretFinder(o.secrets ?? []),
    written: 0,
    skipped: 0,
    lessons: new Map(),
  };
  const total = journals.length + 4;
  let done = 0;
  let rendered = 0;
  const step = () => o.onProgress?.(++done, total);
  try {
    for (const j of journals) {
      const prev = manifest.journals[j.id];
      const unchanged =
        prev?.key === journalKey(j, o.reader.lastSeq(j.id)) &&
        fs.existsSync(path.join(outDir, accountPath(j.id)));
      if (unchanged && prev) run.skipped += 2 + prev.outputs + prev.pages;
      else {
        next.journals[j.id] = publishJournal(run, j, prev, outDir);
        rendered++;
      }
      step();
    }
    publishShared(run, journals, next, outDir, step);
    run.writer.write(MANIFEST_FILE, manifestText(next));
    run.written++;
    run.writer.commit();
    step();
  } catch (err) {
    run.writer.discard();
    throw err;
  }
  return {
    outDir,
    written: run.written,
    skipped: run.skipped,
    journalsRendered: rendered,
    journalsSkipped: journals.length - rendered,
  };
}

/** Stages the index, lessons and search pages and the fixed assets. */
function publishShared(
  run: Run,
  journals: Journal[],
  next: Manifest,
  outDir: string,
  step: () => void,
): void {
  const site = () => "the site's shared pages";
  const factsOf = (j: Journal) => (next.journals[j.id] as ManifestEntry).facts;
  put(
    run,
    "index.html",
    indexPage(journals.map((journal) => ({ journal, facts: factsOf(journal) }))),
    site,
  );
  step();
  const lessons = journals.flatMap(
    (j) =>
      run.lessons.get(j.id) ?? readLessonsCache(outDir, j.id) ?? collectLessons(run.o.reader, [j]),
  );
  put(run, "lessons/index.html", lessonsPage(lessons), site);
  step();
  put(run, "search/index.html", searchPage(journals.map((j) => j.id)), site);
  put(run, GLOSSARY_PATH, glossaryPage(), site);
  step();
  for (const [rel, asset] of Object.entries(ASSETS)) put(run, rel, asset(), site);
}
