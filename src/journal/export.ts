import type { EventTable } from "./events.js";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportDoc,
  type ExportedOutput,
} from "./export-types.js";
import type { JournalTable } from "./journals.js";
import type { OutputTable } from "./outputs.js";

/** A journal, all its events and every output its commands refer to (in event order). */
export function exportFrom(
  journals: JournalTable,
  events: EventTable,
  outputs: OutputTable,
  ref: string,
): ExportDoc {
  const journal = journals.resolve(ref);
  const all = events.query(journal.id);
  const seen = new Set<string>();
  const outs: ExportedOutput[] = [];
  for (const e of all) {
    const id = e.payload.kind === "command" ? e.payload.outputId : null;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const o = outputs.exportOne(id);
    if (o) outs.push(o);
  }
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, journal, events: all, outputs: outs };
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = sortKeys(v);
  }
  return out;
}

/** JSON with keys sorted at every level, two-space indent and a final newline: stable bytes. */
export function serializeExport(doc: ExportDoc): string {
  return `${JSON.stringify(sortKeys(doc), null, 2)}\n`;
}
