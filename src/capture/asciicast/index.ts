export { exportCast } from "./export-cast.js";
export { looksLikeRecording } from "./header.js";
export { importCast } from "./import-cast.js";
export type {
  CastCommand,
  CastInput,
  ExportOptions,
  ImportedCommand,
  ImportOptions,
  ImportResult,
  SplitMethod,
} from "./types.js";
