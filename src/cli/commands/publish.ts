import path from "node:path";
import { fail } from "../../errors/index.js";
import { publishSite } from "../../publish/index.js";
import { exportJekyll } from "../../publish/jekyll/index.js";
import { makeOutDir } from "../../publish/out-dir.js";
import type { Ctx } from "../context.js";
import { siteUnwritable } from "../output-errors.js";
import { loadRedaction } from "../redaction.js";
import { type Args, list, str } from "../spec.js";
import { openForRead } from "../store-access.js";

export interface PublishSummary {
  format: "html" | "jekyll";
  outDir: string;
  files: number;
  journalsRendered?: number;
  journalsSkipped?: number;
}

function progress(ctx: Ctx): ((done: number, total: number) => void) | undefined {
  if (!ctx.stderr.isTTY || ctx.json) return undefined;
  return (done, total) => {
    const width = 30;
    const filled = Math.round((done / Math.max(total, 1)) * width);
    ctx.stderr.write(
      `\rpublishing [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}${done >= total ? "\n" : ""}`,
    );
  };
}

/**
 * Writes the static site (or Jekyll pages) for the chosen journals. Refuses, writing nothing,
 * when a registered secret would appear in the output.
 */
export async function run(args: Args, ctx: Ctx): Promise<PublishSummary> {
  const out = str(args, "out");
  if (!out) throw fail("MissingArgument", "--out DIR", "stacklog publish --out /var/www/upgrades");
  const format = str(args, "format") ?? "html";
  if (format !== "html" && format !== "jekyll")
    throw fail(
      "BadValue",
      "--format",
      "html | jekyll",
      "stacklog publish --format jekyll --out site/",
      format,
    );
  // The pages are checked for every registered value before they are written (a value stored
  // before its source was registered): a source, or the state file listing them, that cannot
  // be read leaves values unchecked, so nothing is published until it can be.
  const redaction = loadRedaction(ctx);
  const [unreadable] = redaction.unreadable;
  if (unreadable) throw unreadable;
  const outDir = path.resolve(ctx.cwd, out);
  const journals = list(args, "journal");
  const chosen: PublishSummary["format"] = format;
  const store = openForRead(ctx);
  try {
    return write();
  } catch (err) {
    throw siteUnwritable(out, outDir, err);
  } finally {
    store.close();
  }

  function write(): PublishSummary {
    const scope = journals.length ? { journals } : {};
    if (chosen === "jekyll") {
      // a file where the folder should be is bad input, as for the web pages (see makeOutDir)
      makeOutDir(outDir);
      const r = exportJekyll({
        reader: store,
        outDir,
        secrets: redaction.secrets,
        ...scope,
        ...(str(args, "author") ? { author: str(args, "author") } : {}),
      });
      return { format: chosen, outDir, files: r.files.length };
    }
    const onProgress = progress(ctx);
    const r = publishSite({
      reader: store,
      outDir,
      secrets: redaction.secrets,
      now: ctx.now,
      ...scope,
      ...(onProgress ? { onProgress } : {}),
    });
    return {
      format: chosen,
      outDir,
      files: r.written,
      journalsRendered: r.journalsRendered,
      journalsSkipped: r.journalsSkipped,
    };
  }
}

export function human(r: PublishSummary): string {
  const skipped = r.journalsSkipped
    ? ` (${r.journalsSkipped} unchanged journal(s) not rendered again)`
    : "";
  const open =
    r.format === "html"
      ? `\nOpen ${path.join(r.outDir, "index.html")} or serve the folder with any web server.`
      : "\nCopy the folder's contents into the site's repository.";
  return `Published ${r.files} file(s) to ${r.outDir}${skipped}${open}\n`;
}
