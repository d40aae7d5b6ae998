import { existsSync } from "node:fs";
import path from "node:path";
import { fail } from "../errors/index.js";
import { writeProblem } from "../util/write-problem.js";

/**
 * A file system failure writing the export file `out`, as a catalogued error
 * (OutputUnwritable, OutputFolderNotFound); anything else is passed on.
 */
export function exportUnwritable(out: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  const dir = path.dirname(path.resolve(out));
  if (code === "ENOENT")
    return existsSync(dir)
      ? fail("OutputUnwritable", out, `${dir} does not take new files`)
      : fail("OutputFolderNotFound", out, dir);
  if (code === "ENOTDIR")
    return fail("OutputUnwritable", out, "a part of its path is not a folder");
  const why = writeProblem(err);
  return why ? fail("OutputUnwritable", out, why) : err;
}

/**
 * A file system failure creating or writing in the site folder `outDir` (named `out` by the
 * operator), as SiteUnwritable; any other failure, a file elsewhere included, is passed on.
 */
export function siteUnwritable(out: string, outDir: string, err: unknown): unknown {
  const e = err as NodeJS.ErrnoException;
  if (typeof e.path !== "string") return err;
  const at = path.resolve(e.path);
  const inside = at === outDir || at.startsWith(outDir + path.sep);
  const onTheWay = outDir.startsWith(at + path.sep);
  if (!inside && !onTheWay) return err;
  // Node's recursive mkdir reports a file system that refuses new folders (read-only) as ENOENT
  const why =
    e.code === "ENOENT" ? `${nearestFolder(at)} does not take new files` : writeProblem(e);
  return why ? fail("SiteUnwritable", out, why, at) : err;
}

function nearestFolder(p: string): string {
  let d = path.dirname(p);
  while (!existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}
