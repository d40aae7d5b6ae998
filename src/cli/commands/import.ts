import { readFileSync } from "node:fs";
import path from "node:path";
import { fail } from "../../errors/index.js";
import type { Journal } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { type Args, bool } from "../spec.js";
import { openForRead } from "../store-access.js";

/** Imports an export in one transaction: all of it or nothing. */
export async function run(args: Args, ctx: Ctx): Promise<Journal> {
  const file = args.positionals[0];
  if (!file) throw fail("MissingArgument", "a file exported with `stacklog export`", "stacklog import upgrade.json");
  const full = path.resolve(ctx.cwd, file);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(full, "utf8"));
  } catch (err) {
    throw fail("MalformedImport", full, (err as Error).message);
  }
  const store = openForRead(ctx);
  try {
    return store.importJournal(doc, { replace: bool(args, "replace"), source: full });
  } finally {
    store.close();
  }
}

export function human(j: Journal): string {
  return `Imported journal ${j.id}: ${j.title}\n`;
}
