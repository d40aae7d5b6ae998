export { exportParts, maxDocumentBytes, serializeExport } from "./export.js";
export type * from "./export-types.js";
export { EXPORT_FORMAT, EXPORT_VERSION } from "./export-types.js";
export { resolveHome, STORE_FILE } from "./home.js";
export { pidAlive, thisHost } from "./liveness.js";
export { MIGRATIONS, type Migration } from "./migrations.js";
export { type OpenOptions, openStore } from "./open.js";
export { decodeChunk, encodeChunk, encodingCode, encodingName } from "./output-codec.js";
export { type CommandOutcome, commandEvent } from "./running.js";
export { type Schema, validateSchema } from "./schema-lite.js";
export { EdgeText, OUTPUT_INDEX_EDGE } from "./search-text.js";
export {
  createSpool,
  type Spool,
  type SpoolOptions,
  type SpoolRecord,
  spooledCount,
} from "./spool.js";
export { type DrainOptions, type DrainReport, drainSpool } from "./spool-drain.js";
export type * from "./store-types.js";
export { inTimeOrder, phaseAt } from "./timeline.js";
export * from "./types.js";
