import type { Journal, JournalEvent } from "./types.js";

/** Format name and version written into every export (see schema/export.schema.json). */
export const EXPORT_FORMAT = "stacklog-journal";
export const EXPORT_VERSION = 1;

/** One stored chunk of output exactly as the store holds it, so re-export is byte-identical. */
export interface ExportedChunk {
  /** Milliseconds since the command started. */
  t: number;
  /** Uncompressed UTF-8 bytes. */
  bytes: number;
  encoding: "plain" | "deflate-raw";
  /** Base64 of the stored bytes (raw deflate when `encoding` says so). */
  data: string;
}

export interface ExportedOutput {
  id: string;
  createdAt: number;
  /** Null when the command was interrupted before its output ended. */
  endedAt: number | null;
  bytes: number;
  chunks: ExportedChunk[];
}

/** A whole journal with its events and the outputs its commands refer to. */
export interface ExportDoc {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  journal: Journal;
  events: JournalEvent[];
  outputs: ExportedOutput[];
}
