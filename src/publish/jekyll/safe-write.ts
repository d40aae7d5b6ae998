import * as fs from "node:fs";
import * as path from "node:path";
import { fail, InternalError } from "../../errors/index.js";
import type { PlannedFile } from "./secret-scan.js";

/**
 * Writes files under `outDir`, refusing before writing anything if a path would land outside
 * it — by `..` in the name or through a symbolic link already in the folder (a link
 * in place of a file is refused too, wherever it points). Returns the
 * paths written, relative to `outDir`.
 */
export function writeInside(outDir: string, files: readonly PlannedFile[]): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const root = fs.realpathSync(outDir);
  const targets = files.map((f) => ({ file: f, abs: checkedTarget(root, f.path) }));
  for (const { file, abs } of targets) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    // The folder may have been created through a link made after the first check.
    checkedTarget(root, file.path);
    fs.writeFileSync(abs, file.content);
  }
  return files.map((f) => f.path);
}

function checkedTarget(root: string, rel: string): string {
  if (path.isAbsolute(rel) || rel.split(/[\\/]/).some((part) => part === ".." || part === "")) {
    throw new InternalError(`jekyll export planned an unsafe path: ${JSON.stringify(rel)}`);
  }
  const abs = path.resolve(root, rel);
  const real = path.join(deepestRealDir(path.dirname(abs)), path.basename(abs));
  if (!isInside(root, real) || isSymlink(real)) throw fail("UnsafeOutputPath", rel, root);
  return abs;
}

// The real path of the deepest existing ancestor, with the missing rest appended.
function deepestRealDir(dir: string): string {
  if (fs.existsSync(dir)) return fs.realpathSync(dir);
  return path.join(deepestRealDir(path.dirname(dir)), path.basename(dir));
}

// Writing through an existing link would follow it wherever it points, even when dangling.
function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}
