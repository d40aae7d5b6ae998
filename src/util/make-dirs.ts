import { mkdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * `mkdir -p`: creates `dir` and the folders above it that are missing, each with `mode`.
 * Node's own `mkdirSync(dir, { recursive: true })` loops forever, at full CPU, where mkdir keeps
 * answering ENOENT for a parent that exists (under /proc or /sys): here each folder is made once,
 * from the nearest one that exists, and any failure is thrown as it came.
 */
export function makeDirs(dir: string, mode?: number): void {
  const missing: string[] = [];
  let at = path.resolve(dir);
  for (;;) {
    try {
      if (statSync(at).isDirectory()) break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    missing.push(at);
    const up = path.dirname(at);
    if (up === at) break;
    at = up;
  }
  for (const d of missing.reverse()) {
    try {
      mkdirSync(d, mode === undefined ? undefined : { mode });
    } catch (err) {
      // made meanwhile by another process: as good
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}
