import fs from "node:fs";
import path from "node:path";
import { fail } from "../errors/index.js";

/** Resolves `rel` inside `dir`; throws UnsafeOutputPath for anything that would land outside. */
export function insideDir(dir: string, rel: string): string {
  const root = path.resolve(dir);
  const full = path.resolve(root, rel);
  if (path.isAbsolute(rel) || !full.startsWith(root + path.sep))
    throw fail("UnsafeOutputPath", rel, root);
  return full;
}

const within = (real: string, realRoot: string) =>
  real === realRoot || real.startsWith(realRoot + path.sep);

/**
 * Creates the parent folders of `file` one at a time, checking before each step that the
 * folder so far, symbolic links followed, is still inside `root`: nothing is created elsewhere.
 */
function ensureParent(root: string, realRoot: string, file: string, checked: Set<string>): void {
  const parent = path.dirname(file);
  if (checked.has(parent)) return;
  let dir = root;
  for (const seg of path.relative(root, parent).split(path.sep).filter(Boolean)) {
    dir = path.join(dir, seg);
    if (checked.has(dir)) continue;
    if (!fs.existsSync(dir)) fs.mkdirSync(dir);
    if (!within(fs.realpathSync(dir), realRoot))
      throw fail("UnsafeOutputPath", path.relative(root, file), root);
    checked.add(dir);
  }
  checked.add(parent);
}

/** The nearest of `dir` and its parents that exists, or null. */
function nearestExisting(dir: string): string | null {
  for (let d = dir; ; d = path.dirname(d)) {
    if (fs.existsSync(d)) return d;
    if (path.dirname(d) === d) return null;
  }
}

/** Creates the output folder (and its parents); a file in the way is refused as bad input. */
export function makeOutDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EEXIST" && code !== "ENOTDIR") throw err;
    const file = nearestExisting(dir) ?? dir;
    throw fail(
      "BadValue",
      "--out",
      "a folder (created when missing)",
      "stacklog publish --out ./site",
      file === dir ? `${dir} (a file, not a folder)` : `${dir} (${file} is a file, not a folder)`,
      `Name a new or existing folder for the site instead; publish writes a folder of pages and never replaces the file ${file}.`,
    );
  }
}

/**
 * Collects files in a staging folder inside `outDir`, then moves them into place at once with
 * `commit()`, or removes them with `discard()`: a refused publish leaves `outDir` as it was.
 */
export class StagedWriter {
  private readonly root: string;
  private readonly realRoot: string;
  private readonly stage: string;
  private readonly files: string[] = [];
  private readonly checked = new Set<string>();

  constructor(outDir: string) {
    this.root = path.resolve(outDir);
    makeOutDir(this.root);
    this.realRoot = fs.realpathSync(this.root);
    this.stage = fs.mkdtempSync(path.join(this.realRoot, ".stacklog-staging-"));
  }

  /** Stages one file at a path relative to the output folder. */
  write(rel: string, body: string): void {
    insideDir(this.root, rel);
    const staged = insideDir(this.stage, rel);
    // The staging folder was created inside the real root, so its path is already real.
    ensureParent(this.stage, this.stage, staged, this.checked);
    fs.writeFileSync(staged, body);
    this.files.push(rel);
  }

  /** Moves every staged file into the output folder. */
  commit(): number {
    const checked = new Set<string>();
    // Every folder is checked before the first file moves, so a refusal moves nothing.
    const targets = this.files.map((rel) => {
      const target = insideDir(this.root, rel);
      ensureParent(this.root, this.realRoot, target, checked);
      return [rel, target] as const;
    });
    // rename() replaces a symbolic link at the target itself; it never writes through it.
    for (const [rel, target] of targets) fs.renameSync(insideDir(this.stage, rel), target);
    this.discard();
    return this.files.length;
  }

  /** Removes the staging folder and everything in it. */
  discard(): void {
    fs.rmSync(this.stage, { recursive: true, force: true });
  }
}
