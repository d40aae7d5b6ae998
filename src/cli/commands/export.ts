import { writeFileSync, renameSync } from "node:fs";
import { fail } from "../../errors/index.js";
import { serializeExport } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, str } from "../spec.js";
import { openForRead } from "../store-access.js";

/** Writes a journal as JSON (schema/export.schema.json), to standard output or --out. */
export async function run(args: Args, ctx: Ctx): Promise<undefined> {
  const format = str(args, "format") ?? "json";
  if (format !== "json") throw fail("BadValue", "--format", "json", "stacklog export --format json", format);
  const store = openForRead(ctx);
  try {
    const id = resolveJournal(ctx, store, str(args, "journal"));
    const text = serializeExport(store.exportJournal(id));
    const out = str(args, "out");
    if (out) {
      const tmp = `${out}.${process.pid}.tmp`;
      writeFileSync(tmp, text);
      renameSync(tmp, out);
      ctx.warn(`exported journal ${id} to ${out}`);
    } else ctx.stdout.write(text);
    return undefined;
  } finally {
    store.close();
  }
}
