import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The repository's `data/releases` folder, found by walking up from this module (it sits two
 * levels up from src/plan and three from dist/plan builds).
 */
export function defaultDataDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, "data", "releases");
    if (existsSync(join(candidate, "series.yaml"))) return candidate;
    dir = dirname(dir);
  }
  return join(from, "..", "..", "data", "releases");
}
