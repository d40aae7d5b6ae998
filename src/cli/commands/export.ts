import { closeSync, openSync, renameSync, writeSync } from "node:fs";
import { type CastCommand, exportCast } from "../../capture/index.js";
import { fail } from "../../errors/index.js";
import { type JournalStore, serializeExport } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, str } from "../spec.js";
import { openForRead } from "../store-access.js";

const FORMATS = ["json", "asciicast", "asciicast-v2", "asciicast-v3"];

/** The journal's commands as a recording, read from the store lazily (outputs can be large). */
function* castCommands(
  store: JournalStore,
  journalId: string,
  only?: string,
): Generator<CastCommand> {
  for (const e of store.events(journalId, { kinds: ["command"] })) {
    const p = e.payload;
    if (p.kind !== "command" || (only && e.id !== only)) continue;
    const outputId = p.outputId;
    yield {
      line: p.line,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      exitStatus: p.exitStatus,
      cwd: p.cwd,
      chunks: outputId
        ? { [Symbol.iterator]: () => store.readOutput(outputId)[Symbol.iterator]() }
        : [],
    };
  }
}

function* lines(
  store: JournalStore,
  id: string,
  format: string,
  event?: string,
): Generator<string> {
  if (format === "json") {
    yield serializeExport(store.exportJournal(id));
    return;
  }
  const j = store.getJournal(id);
  const only = event ? store.getEvent(id, event).id : undefined;
  yield* exportCast(
    {
      title: j.title,
      startedAt: j.startedAt ?? j.createdAt,
      commands: castCommands(store, id, only),
      idleTimeLimit: 2,
    },
    format === "asciicast-v2" ? 2 : 3,
  );
}

/** Writes a journal as JSON (schema/export.schema.json) or as an asciicast recording. */
export async function run(args: Args, ctx: Ctx): Promise<undefined> {
  const format = str(args, "format") ?? "json";
  if (!FORMATS.includes(format))
    throw fail(
      "BadValue",
      "--format",
      FORMATS.join(" | "),
      "stacklog export --format asciicast-v2 --out upgrade.cast",
      format,
    );
  const store = openForRead(ctx);
  try {
    const id = resolveJournal(ctx, store, str(args, "journal"));
    const out = str(args, "out");
    const tmp = out ? `${out}.${process.pid}.tmp` : null;
    const fd = tmp ? openSync(tmp, "w") : null;
    try {
      for (const text of lines(store, id, format, str(args, "event"))) {
        if (fd === null) ctx.stdout.write(text);
        else writeSync(fd, text);
      }
    } finally {
      if (fd !== null) closeSync(fd);
    }
    if (tmp && out) {
      renameSync(tmp, out);
      ctx.warn(`exported journal ${id} to ${out}`);
    }
    return undefined;
  } finally {
    store.close();
  }
}
