import { constants } from "node:buffer";
import { fail } from "../errors/index.js";
import type { EventTable } from "./events.js";
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportDoc,
  type ExportedOutput,
} from "./export-types.js";
import type { JournalTable } from "./journals.js";
import type { OutputTable } from "./outputs.js";

/**
 * The largest JSON export, in UTF-8 bytes: `stacklog import` reads a document as one string, and
 * V8 holds none longer than this many UTF-16 units (a file of N bytes decodes to at most N).
 */
export const MAX_DOCUMENT_BYTES: number = constants.MAX_STRING_LENGTH;

/**
 * The document limit for this call. `STACKLOG_TEST_MAX_DOCUMENT_BYTES` lowers it, for tests
 * only: a journal over the real limit takes minutes and gigabytes to build.
 */
export function maxDocumentBytes(env: Record<string, string | undefined>): number {
  const lowered = Number(env.STACKLOG_TEST_MAX_DOCUMENT_BYTES);
  return lowered > 0 ? Math.min(lowered, MAX_DOCUMENT_BYTES) : MAX_DOCUMENT_BYTES;
}

/**
 * A journal, all its events and every output its commands refer to (in event order). Throws
 * ExportTooLarge as soon as the outputs alone pass `maxBytes`, before they fill the memory.
 */
export function exportFrom(
  journals: JournalTable,
  events: EventTable,
  outputs: OutputTable,
  ref: string,
  maxBytes = MAX_DOCUMENT_BYTES,
): ExportDoc {
  const journal = journals.resolve(ref);
  const all = events.query(journal.id);
  const seen = new Set<string>();
  const outs: ExportedOutput[] = [];
  let size = 0;
  for (const e of all) {
    const id = e.payload.kind === "command" ? e.payload.outputId : null;
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const o = outputs.exportOne(id);
    if (!o) continue;
    for (const c of o.chunks) size += c.data.length;
    if (size > maxBytes) throw fail("ExportTooLarge", journal.id, size, false, maxBytes);
    outs.push(o);
  }
  return { format: EXPORT_FORMAT, version: EXPORT_VERSION, journal, events: all, outputs: outs };
}

// Containers this deep or deeper are written whole (an event's payload's fields, a chunk):
// small, while the document, its lists, an event and an output can each be large.
const WHOLE_FROM_DEPTH = 4;
// Pieces are joined up to this size: one write per 64 KiB, not one per punctuation mark.
const PIECE = 64 * 1024;

/**
 * The export as JSON with keys sorted at every level, two-space indent and a final newline
 * (stable bytes), in pieces: no string of the whole document is built, so its size is bounded
 * by memory, not by V8's longest string. The pieces join to exactly what
 * `JSON.stringify(doc-with-sorted-keys, null, 2)` writes, plus the newline.
 */
export function* exportParts(doc: ExportDoc): Generator<string> {
  let buffered = "";
  for (const piece of pieces(doc, "", 0)) {
    buffered += piece;
    if (buffered.length >= PIECE) {
      yield buffered;
      buffered = "";
    }
  }
  yield `${buffered}\n`;
}

/** The whole export as one string (see `exportParts`); for journals well under the limit. */
export function serializeExport(doc: ExportDoc): string {
  return [...exportParts(doc)].join("");
}

function* pieces(value: unknown, pad: string, depth: number): Generator<string> {
  if (value === null || typeof value !== "object") {
    yield JSON.stringify(value) ?? "null";
    return;
  }
  if (depth >= WHOLE_FROM_DEPTH) {
    // nested lines take the indent of where the value stands; JSON strings hold no raw newline
    yield JSON.stringify(sortKeys(value), null, 2).replaceAll("\n", `\n${pad}`);
    return;
  }
  const inner = `${pad}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      yield `${i === 0 ? "[" : ","}\n${inner}`;
      yield* pieces(typeof v === "function" || typeof v === "symbol" ? null : v, inner, depth + 1);
    }
    yield `\n${pad}]`;
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = orderedKeys(record).filter(
    (k) => typeof record[k] !== "function" && typeof record[k] !== "symbol",
  );
  if (keys.length === 0) {
    yield "{}";
    return;
  }
  for (const [i, key] of keys.entries()) {
    yield `${i === 0 ? "{" : ","}\n${inner}${JSON.stringify(key)}: `;
    yield* pieces(record[key], inner, depth + 1);
  }
  yield `\n${pad}}`;
}

/**
 * The keys of `value` without undefined ones, sorted, in the order an object built with them
 * in that order lists them: V8 lists integer keys ("2", "10") first, in numeric order.
 */
function orderedKeys(value: Record<string, unknown>): string[] {
  const built: Record<string, true> = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) built[key] = true;
  return Object.keys(built);
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
