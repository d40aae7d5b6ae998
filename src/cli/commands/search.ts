import { fail } from "../../errors/index.js";
import type { SearchHit } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, bool, str } from "../spec.js";
import { openForRead } from "../store-access.js";
import { countFlag } from "./count-flag.js";
import { oneLine } from "./format.js";

/** Full-text search over notes, command lines, titles and output. */
export async function run(args: Args, ctx: Ctx): Promise<SearchHit[]> {
  const q = args.positionals.join(" ").trim();
  if (!q) throw fail("MissingArgument", "a search query", "stacklog search galera");
  const limit =
    countFlag(args, "limit", "stacklog search galera --limit 50", "for the best 20") ?? 20;
  const store = openForRead(ctx);
  try {
    if (bool(args, "all")) return store.search(q, { limit });
    return store.search(q, { journalId: resolveJournal(ctx, store, str(args, "journal")), limit });
  } finally {
    store.close();
  }
}

/** How much of a snippet a text view shows around its first match. */
export const SNIPPET_WIDTH = 200;

/**
 * About `width` characters of `snippet` around its first match (marked « »), with … where it was
 * cut: FTS5 cuts snippets by words, and a word of output may run for thousands of characters.
 */
export function aroundMatch(snippet: string, width = SNIPPET_WIDTH): string {
  if (snippet.length <= width) return snippet;
  const open = Math.max(0, snippet.indexOf("«"));
  const close = snippet.indexOf("»", open);
  const room = Math.max(0, width - ((close < 0 ? open : close + 1) - open));
  let start = Math.min(Math.max(0, open - Math.floor(room / 2)), snippet.length - width);
  let end = start + width;
  // never half of a surrogate pair
  if (isLowSurrogate(snippet.charCodeAt(start))) start++;
  if (isLowSurrogate(snippet.charCodeAt(end))) end--;
  let piece = snippet.slice(start, end);
  // a match cut in two keeps its closing mark
  if (piece.split("«").length > piece.split("»").length) piece += "»";
  const before = start > 0 && !piece.startsWith("…") ? "…" : "";
  const after = end < snippet.length ? "…" : "";
  return `${before}${piece}${after}`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

// A match in a journal's title has no event: the journal is named instead.
function hitLine(h: SearchHit): string {
  const journal = h.journalId.slice(-6);
  const where = h.seq === null ? `journal ${journal}` : `#${h.seq} (${journal})`;
  return `${where} [${h.field}] ${oneLine(aroundMatch(h.snippet))}`;
}

export function human(hits: SearchHit[]): string {
  if (hits.length === 0) return "No matches.\n";
  return `${hits.map(hitLine).join("\n")}\n`;
}
