import type { Journal, JournalEvent, JournalReader } from "../journal/index.js";
import { stripAnsi } from "./ansi.js";
import { html, jsonForScript } from "./html.js";
import { layout, type Rendered } from "./layout.js";

/** Characters of each command's output tail that go into the search index. */
export const SEARCH_TAIL_CHARS = 300;

/** A search document: [url from the search page, kind, text, output tail]. */
export type SearchDoc = [string, string, string, string];

function eventText(e: JournalEvent): string {
  const p = e.payload;
  switch (p.kind) {
    case "command":
      return p.hidden ? "" : p.line;
    case "note":
      return p.text;
    case "milestone":
      return [p.name, p.text].filter(Boolean).join(": ");
    case "check":
      return `${p.name}: ${p.text}`;
    case "amend":
      return p.text;
    case "snapshot":
      return p.label;
    case "plan":
      return `${p.tool} ${p.from} → ${p.to}`;
    case "step":
      return [p.step, p.text].filter(Boolean).join(": ");
    case "phase":
      return "";
  }
}

export type TailOf = (outputId: string) => string;

function readTail(reader: JournalReader): TailOf {
  return (outputId) =>
    reader
      .readOutput(outputId, { tailBytes: SEARCH_TAIL_CHARS * 2 })
      .map((c) => c.data)
      .join("");
}

function docTail(e: JournalEvent, tailOf: TailOf): string {
  if (e.payload.kind !== "command" || !e.payload.outputId) return "";
  return stripAnsi(tailOf(e.payload.outputId).slice(-SEARCH_TAIL_CHARS * 2)).slice(
    -SEARCH_TAIL_CHARS,
  );
}

const accountUrl = (journal: Journal) => `../journals/${encodeURIComponent(journal.id)}/index.html`;

/** Search documents for events with text (one per event, in order). */
export function searchDocs(
  journal: Journal,
  events: readonly JournalEvent[],
  tailOf: TailOf,
): SearchDoc[] {
  const base = accountUrl(journal);
  const docs: SearchDoc[] = [];
  for (const e of events) {
    const text = eventText(e);
    if (!text) continue;
    const kind = e.payload.kind === "note" ? e.payload.noteKind : e.payload.kind;
    docs.push([`${base}#e-${e.id}`, kind, text, docTail(e, tailOf)]);
  }
  return docs;
}

/** Reads output tails for the search index straight from the store. */
export function storeTails(reader: JournalReader): TailOf {
  return readTail(reader);
}

/**
 * One journal's shard of the search index: its title plus `docs`, as a script that pushes
 * onto `window.STACKLOG_SEARCH` (script files load from file://, where fetch is refused).
 */
export function searchShard(journal: Journal, docs: readonly SearchDoc[]): Rendered {
  const all = [[accountUrl(journal), "journal", journal.title, ""], ...docs];
  const shard = { journal: journal.id, title: journal.title, docs: all };
  return {
    contentType: "text/javascript; charset=utf-8",
    body: `(window.STACKLOG_SEARCH = window.STACKLOG_SEARCH || []).push(${jsonForScript(shard)});\n`,
  };
}

/** Path of a journal's search shard, relative to the site root. */
export function shardPath(journalId: string): string {
  return `assets/search/${journalId}.js`;
}

/** The search page at `search/index.html`, loading MiniSearch, every shard and the search script. */
export function searchPage(journalIds: readonly string[]): Rendered {
  const body = html`<h1>Search</h1>
<input id="q" class="filter" type="search" placeholder="Search commands, notes, output" aria-label="Search" autofocus>
<p id="result-count" class="muted">Search needs JavaScript.</p>
<ol id="results" class="results"></ol>`;
  return layout({
    title: "Search",
    root: "../",
    body,
    scripts: ["assets/minisearch.js", ...journalIds.map(shardPath), "assets/search.js"],
  });
}
