import { fail } from "../../errors/index.js";
import type { Journal, JournalReader } from "../../journal/index.js";
import { accountPage } from "./account-page.js";
import { buildModel, type JournalModel } from "./journal-model.js";
import { postDate, progressPost } from "./progress-post.js";
import { writeInside } from "./safe-write.js";
import { Scribe } from "./scribe.js";
import { assertNoSecrets, type PlannedFile, type Secret } from "./secret-scan.js";
import { uniqueSlugs } from "./slug.js";
import { CSS_PATH, STACKLOG_CSS } from "./stacklog-css.js";

export interface JekyllExportOptions {
  reader: JournalReader;
  /** The site's root folder (or a staging folder copied into it). */
  outDir: string;
  /** Journal ids or unique prefixes; all journals when absent. */
  journals?: string[];
  /** Post author; defaults to the journal's operators. */
  author?: string;
  /** Post category; defaults to `Update`. */
  category?: string;
  /** URL folder of the account pages; defaults to `/stacklog/`. */
  permalinkBase?: string;
  /** Values that must not appear in anything written, with labels to name them by. */
  secrets?: Secret[];
  /** Bytes of each command's output shown at its end; defaults to 4096. */
  outputTailBytes?: number;
}

const PERMALINK_BASE = /^\/(?:[a-z0-9][a-z0-9._-]*\/)*$/;

/**
 * Writes, for each journal, its account as `_pages/stacklog/<slug>.md`, a progress post as
 * `collections/_blogpost/<date>-<slug>.md`, and the badge stylesheet under
 * `assets/stacklog/`. Everything is rendered and checked first: when a secret would appear or
 * a path would leave `outDir`, nothing is written. Returns the written paths, relative to
 * `outDir`.
 */
export function exportJekyll(opts: JekyllExportOptions): { files: string[] } {
  const base = opts.permalinkBase ?? "/stacklog/";
  if (!PERMALINK_BASE.test(base)) {
    throw fail(
      "BadValue",
      "permalinkBase",
      "a URL folder of a-z, 0-9, `.`, `_`, `-` starting and ending with /",
      "/stacklog/",
      base,
    );
  }
  const tail = opts.outputTailBytes ?? 4096;
  if (!Number.isInteger(tail) || tail < 1) {
    throw fail(
      "BadValue",
      "outputTailBytes",
      "a whole number of bytes, at least 1",
      "4096",
      String(tail),
    );
  }
  const journals = selectJournals(opts.reader, opts.journals);
  const slugs = uniqueSlugs(journals);
  const scribe = new Scribe();
  const files: PlannedFile[] = journals.flatMap((j) =>
    journalFiles(buildModel(opts.reader, j, slugs.get(j.id) as string), scribe, opts, base, tail),
  );
  if (files.length > 0) files.push({ path: CSS_PATH, content: STACKLOG_CSS });
  assertNoSecrets(opts.secrets ?? [], scribe.pieces, files);
  return { files: writeInside(opts.outDir, files) };
}

function selectJournals(reader: JournalReader, refs: string[] | undefined): Journal[] {
  if (refs === undefined) return reader.listJournals();
  const byId = new Map(refs.map((r) => reader.getJournal(r)).map((j) => [j.id, j]));
  return [...byId.values()];
}

function journalFiles(
  model: JournalModel,
  scribe: Scribe,
  opts: JekyllExportOptions,
  base: string,
  tailBytes: number,
): PlannedFile[] {
  const accountUrl = `${base}${model.slug}/`;
  const postName = `${postDate(model)}-${model.slug}`;
  const account = accountPage(model, scribe, {
    reader: opts.reader,
    permalink: accountUrl,
    cssUrl: `/${CSS_PATH}`,
    tailBytes,
  });
  const post = progressPost(model, scribe, {
    permalink: `/blogpost/${postName}/`,
    accountUrl,
    author: opts.author ?? (model.journal.operators.join(", ") || "stacklog"),
    category: opts.category ?? "Update",
  });
  return [
    { path: `_pages/stacklog/${model.slug}.md`, content: account },
    { path: `collections/_blogpost/${postName}.md`, content: post },
  ];
}
