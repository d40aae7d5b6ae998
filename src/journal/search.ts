import type Database from "better-sqlite3";
import type { SearchHit, SearchOptions } from "./store-types.js";
import type { EventKind } from "./types.js";

/**
 * Turns what a person typed into an FTS5 query: every word must match, punctuation never
 * raises a syntax error, and a trailing `*` keeps prefix search.
 */
export function ftsQuery(input: string): string | null {
  const terms = input.match(/[\p{L}\p{N}_]+\*?/gu) ?? [];
  if (terms.length === 0) return null;
  return terms.map((t) => (t.endsWith("*") ? `"${t.slice(0, -1)}"*` : `"${t}"`)).join(" AND ");
}

interface HitRow {
  field: SearchHit["field"];
  journal_id: string;
  event_id: string | null;
  seq: number | null;
  kind: string | null;
  snippet: string;
}

const SQL = `
SELECT * FROM (
  SELECT e.kind AS field, e.journal_id, e.id AS event_id, e.seq, e.kind,
         snippet(events_fts, 0, @open, @close, '…', 16) AS snippet, bm25(events_fts) AS rank
    FROM events_fts JOIN events e ON e.n = events_fts.rowid
   WHERE events_fts MATCH @q AND (@journal IS NULL OR e.journal_id = @journal)
  UNION ALL
  SELECT 'title', j.id, NULL, NULL, NULL,
         snippet(journals_fts, 0, @open, @close, '…', 16), bm25(journals_fts)
    FROM journals_fts JOIN journals j ON j.n = journals_fts.rowid
   WHERE journals_fts MATCH @q AND (@journal IS NULL OR j.id = @journal)
  UNION ALL
  SELECT 'output', e.journal_id, e.id, e.seq, e.kind,
         snippet(outputs_fts, 0, @open, @close, '…', 16), bm25(outputs_fts)
    FROM outputs_fts JOIN outputs o ON o.n = outputs_fts.rowid JOIN events e ON e.output_id = o.id
   WHERE outputs_fts MATCH @q AND (@journal IS NULL OR e.journal_id = @journal)
) ORDER BY rank, journal_id, seq LIMIT @limit`;

/** Full-text search over journal titles, event text (notes, command lines, …) and indexed output. */
export function searchStore(db: Database.Database) {
  const stmt = db.prepare<Record<string, unknown>, HitRow>(SQL);
  return (query: string, opts: SearchOptions = {}): SearchHit[] => {
    const q = ftsQuery(query);
    if (!q) return [];
    const [open, close] = opts.mark ?? ["«", "»"];
    const rows = stmt.all({
      q,
      open,
      close,
      journal: opts.journalId ?? null,
      limit: opts.limit ?? 50,
    });
    return rows.map((r) => ({
      journalId: r.journal_id,
      field: r.field,
      eventId: r.event_id,
      seq: r.seq,
      kind: r.kind as EventKind | null,
      snippet: r.snippet,
    }));
  };
}
