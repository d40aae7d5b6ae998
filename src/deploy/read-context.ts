import type { StacklogError } from "../errors/index.js";
import type { KnownSecret } from "../redact/index.js";

/** What the readers gather while walking one configuration tree; redacted only at the end. */
export interface ReadContext {
  /** Absolute path of the tree; `files` and `skipped` paths are relative to it. */
  root: string;
  maxFileBytes: number;
  skipped: { path: string; reason: string }[];
  /** Raw text of every file read, by relative path. */
  files: Map<string, { sha256: string; text: string }>;
  secrets: KnownSecret[];
  secretKeys: Set<string>;
  /** Relative paths of files read but not understood (malformed, encrypted). */
  unusable: Set<string>;
  /** Relative paths of secret files: never listed in `files`. */
  secretFiles: Set<string>;
  /** Real paths of the directories already walked, so that a link back up ends the walk. */
  visitedDirs: Set<string>;
  /** The first malformed-YAML error, thrown when nothing at all could be read. */
  firstError: StacklogError | null;
}

export const DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024;

export function newContext(root: string, maxFileBytes = DEFAULT_MAX_FILE_BYTES): ReadContext {
  return {
    root,
    maxFileBytes,
    skipped: [],
    files: new Map(),
    secrets: [],
    secretKeys: new Set(),
    secretFiles: new Set(),
    unusable: new Set(),
    visitedDirs: new Set(),
    firstError: null,
  };
}

export function skip(ctx: ReadContext, path: string, reason: string): void {
  ctx.skipped.push({ path, reason });
}
