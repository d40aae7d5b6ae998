import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The checked-in fixture trees (test/fixtures/deploy/<tool>/…). */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../test/fixtures/deploy");

/** A temp folder with `files` written into it; `cleanup` removes it. */
export function tempTree(files: Record<string, string | Buffer>): {
  dir: string;
  cleanup: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), "stacklog-deploy-"));
  for (const [path, body] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), body);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
