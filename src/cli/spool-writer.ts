import path from "node:path";
import { createSpool, type Spool, type SpoolRecord } from "../journal/index.js";
import { makeDirs } from "../util/make-dirs.js";
import type { Ctx } from "./context.js";
import { privateTempDir, spoolDirs, tempBase } from "./store-access.js";

/**
 * Appends spool records to the first spool folder that takes them, moving on to the next
 * (state dir, then temp dir) when a write fails — a full or read-only disk under the store
 * must not lose the record.
 */
export class SpoolWriter {
  private spool: Spool | null = null;
  private readonly dirs: string[];
  /** The folder the records went to last, for telling the operator. */
  dir: string | null = null;

  constructor(ctx: Ctx) {
    this.dirs = spoolDirs(ctx);
  }

  private readonly temp = `${tempBase()}${path.sep}`;

  /** Returns false only when no folder at all could take the record. */
  append(record: SpoolRecord): boolean {
    while (this.dirs.length > 0 || this.spool) {
      try {
        if (!this.spool) {
          const dir = this.dirs.shift() as string;
          makeDirs(dir, 0o700);
          // the temp folder made by someone else meanwhile: skipped (see spoolDirs)
          if (dir.startsWith(this.temp) && !privateTempDir(tempBase(), true)) continue;
          this.spool = createSpool(dir);
          this.dir = dir;
        }
        this.spool.append(record);
        return true;
      } catch {
        this.spool = null;
      }
    }
    return false;
  }

  /** Marks the file complete so another process may store it at once. */
  close(): void {
    try {
      this.spool?.close();
    } catch {
      // an unclosed spool file is still drained once this process is gone
    }
    this.spool = null;
  }
}
