import { fail } from "../../errors/index.js";
import type { SearchHit } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, bool, str } from "../spec.js";
import { openForRead } from "../store-access.js";
import { countFlag } from "./count-flag.js";

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

// A match in a journal's title has no event: the journal is named instead.
function hitLine(h: SearchHit): string {
  const journal = h.journalId.slice(-6);
  const where = h.seq === null ? `journal ${journal}` : `#${h.seq} (${journal})`;
  return `${where} [${h.field}] ${h.snippet}`;
}

export function human(hits: SearchHit[]): string {
  if (hits.length === 0) return "No matches.\n";
  return `${hits.map(hitLine).join("\n")}\n`;
}
