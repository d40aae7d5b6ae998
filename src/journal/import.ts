import type Database from "better-sqlite3";
import { fail } from "../errors/index.js";
import { DocError } from "./checks.js";
import type { EventTable } from "./events.js";
import type { JournalTable } from "./journals.js";
import type { OutputTable } from "./outputs.js";
import type { Journal } from "./types.js";
import { validateExport } from "./validate-import.js";

/** Import parts: the tables it writes through. */
export interface ImportTables {
  db: Database.Database;
  journals: JournalTable;
  events: EventTable;
  outputs: OutputTable;
}

function dropJournal(t: ImportTables, id: string): void {
  for (const e of t.events.query(id)) {
    if (e.payload.kind === "command" && e.payload.outputId) t.outputs.remove(e.payload.outputId);
  }
  t.db.prepare("DELETE FROM journals WHERE id = ?").run(id);
}

/**
 * Stores an exported journal exactly as exported (ids, seqs, output bytes), in one
 * transaction: on any failure nothing is written.
 */
export function importInto(
  t: ImportTables,
  value: unknown,
  opts: { replace?: boolean; source?: string } = {},
): Journal {
  const source = opts.source ?? "the document";
  let doc: ReturnType<typeof validateExport>;
  try {
    doc = validateExport(value);
  } catch (err) {
    if (err instanceof DocError) throw fail("MalformedImport", source, err.message);
    throw err;
  }
  const run = () => {
    if (t.journals.find(doc.journal.id)) {
      if (!opts.replace) throw fail("ImportConflict", doc.journal.id);
      dropJournal(t, doc.journal.id);
    }
    t.journals.create(doc.journal);
    doc.events.forEach((e, i) => {
      const other = t.events.find(e.id);
      if (other) {
        const where = `at $.events[${i}].id: event "${e.id}" is already stored in journal ${other.journalId}`;
        throw fail("MalformedImport", source, where);
      }
      t.events.put(e);
    });
    for (const o of doc.outputs) if (!t.outputs.exists(o.id)) t.outputs.importOne(o);
    return doc.journal;
  };
  return t.db.transaction(run).immediate();
}
