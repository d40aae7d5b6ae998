import { fail } from "../../errors/index.js";
import type { SearchHit } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, bool, str } from "../spec.js";
import { openForRead } from "../store-access.js";

/** Full-text search over notes, command lines, titles and output. */
export async function run(args: Args, ctx: Ctx): Promise<SearchHit[]> {
  const q = args.positionals.join(" ").trim();
  if (!q) throw fail("MissingArgument", "a search query", "stacklog search galera");
  const store = openForRead(ctx);
  try {
    const limit = Number(str(args, "limit") ?? 20);
    if (bool(args, "all")) return store.search(q, { limit });
    return store.search(q, { journalId: resolveJournal(ctx, store, str(args, "journal")), limit });
  } finally {
    store.close();
  }
}

export function human(hits: SearchHit[]): string {
  if (hits.length === 0) return "No matches.\n";
  return `${hits.map((h) => `#${h.seq} (${h.journalId.slice(-6)}) [${h.field}] ${h.snippet}`).join("\n")}\n`;
}
