import type { EncodedChunk } from "../../journal/store-types.js";
import type { ProcessedOutput, ProcessorSpec } from "./processor.js";

/**
 * Messages from the main thread to the output worker. Several outputs may be open at once
 * (one per command of a recorded shell); each message names its output by `id`. Messages of one
 * output are handled in order, and the worker answers in order.
 */
export type ToWorker =
  | { op: "begin"; id: number; spec: ProcessorSpec }
  /** Raw bytes the command wrote, arrived at `at` (ms since epoch). */
  | { op: "data"; id: number; bytes: Uint8Array; at: number }
  | { op: "end"; id: number; at: number };

/** Messages from the output worker back to the main thread. */
export type ToHost =
  /** The worker has loaded and takes data (sent once, first). */
  | { op: "ready" }
  | { op: "chunk"; id: number; chunk: EncodedChunk }
  /** `bytes` raw bytes of a `data` message have been processed (for back-pressure). */
  | { op: "ack"; id: number; bytes: number }
  | { op: "ended"; id: number; result: ProcessedOutput };
