import type { Journal, JournalReader } from "../journal/index.js";
import { accountPage } from "./account-page.js";
import { ASSETS } from "./assets.js";
import { configPage } from "./config-page.js";
import { readFacts } from "./facts.js";
import { glossaryPage } from "./glossary-page.js";
import { indexPage } from "./index-page.js";
import type { Rendered } from "./layout.js";
import { collectLessons, lessonsPage } from "./lessons-page.js";
import { outputPage, outputText } from "./output-page.js";
import { GLOSSARY_PATH } from "./paths.js";
import { planPage } from "./plan-page.js";
import { searchDocs, searchPage, searchShard, storeTails } from "./search-page.js";

/** Where the routes get their data: `serve` renders every request fresh from the store. */
export interface SiteSource {
  reader: JournalReader;
  /** The journals the site shows (default: all). */
  journals?: () => Journal[];
  /** Offer `.txt` outputs and live updates (only the server has them). */
  live?: boolean;
  now?: () => number;
}

/** Journal ids and output ids become path segments: only these characters are accepted. */
export const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

const ACCOUNT = /^journals\/([^/]+)\/index\.html$/;
const CONFIG = /^journals\/([^/]+)\/config\/index\.html$/;
const PLAN = /^journals\/([^/]+)\/plan\/index\.html$/;
const OUTPUT = /^journals\/([^/]+)\/output\/([^/]+)\.(html|txt)$/;
const SHARD = /^assets\/search\/([^/]+)\.js$/;

/** Normalises a URL path to a site path: no leading slash, `index.html` for folders. */
export function sitePath(urlPath: string): string {
  const p = urlPath.replace(/^\/+/, "");
  return p === "" || p.endsWith("/") ? `${p}index.html` : p;
}

function journalsOf(src: SiteSource): Journal[] {
  return src.journals ? src.journals() : src.reader.listJournals();
}

function findJournal(src: SiteSource, id: string): Journal | null {
  if (!SAFE_SEGMENT.test(id)) return null;
  return journalsOf(src).find((j) => j.id === id) ?? null;
}

function output(src: SiteSource, journal: Journal, outputId: string, ext: string): Rendered | null {
  if (!SAFE_SEGMENT.test(outputId) || (ext === "txt" && !src.live)) return null;
  const command = src.reader
    .events(journal.id, { kinds: ["command"] })
    .find((e) => e.payload.kind === "command" && e.payload.outputId === outputId);
  if (!command) return null;
  if (ext === "txt") return outputText(src.reader, outputId);
  return outputPage(src.reader, journal.id, command, outputId, { textLink: src.live ?? false });
}

function journalRoute(src: SiteSource, p: string): Rendered | null {
  const account = ACCOUNT.exec(p);
  if (account) {
    const j = findJournal(src, account[1] ?? "");
    return j && accountPage(src.reader, j.id, { now: src.now?.(), live: src.live ?? false });
  }
  const config = CONFIG.exec(p);
  if (config) {
    const j = findJournal(src, config[1] ?? "");
    return j && configPage(j, src.reader.events(j.id, { kinds: ["snapshot"] }));
  }
  const plan = PLAN.exec(p);
  if (plan) {
    const j = findJournal(src, plan[1] ?? "");
    return j && planPage(j, src.reader.events(j.id));
  }
  const out = OUTPUT.exec(p);
  if (out) {
    const j = findJournal(src, out[1] ?? "");
    return j && output(src, j, out[2] ?? "", out[3] ?? "");
  }
  const shard = SHARD.exec(p);
  if (shard) {
    const j = findJournal(src, shard[1] ?? "");
    return j && searchShard(j, searchDocs(j, src.reader.events(j.id), storeTails(src.reader)));
  }
  return null;
}

/** Renders the page or asset at a site path (see `sitePath`); null when there is none. */
export function renderRoute(src: SiteSource, urlPath: string): Rendered | null {
  const p = sitePath(urlPath);
  const asset = ASSETS[p];
  if (asset) return asset();
  if (p === "index.html") {
    return indexPage(
      journalsOf(src).map((journal) => ({
        journal,
        facts: readFacts(src.reader, journal, src.now?.()),
      })),
      src.live ?? false,
    );
  }
  if (p === "lessons/index.html") return lessonsPage(collectLessons(src.reader, journalsOf(src)));
  if (p === "search/index.html") return searchPage(journalsOf(src).map((j) => j.id));
  if (p === GLOSSARY_PATH) return glossaryPage();
  return journalRoute(src, p);
}
