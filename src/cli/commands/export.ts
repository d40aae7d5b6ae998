import { closeSync, existsSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import path from "node:path";
import { type CastCommand, exportCast } from "../../capture/index.js";
import { fail } from "../../errors/index.js";
import { type CommandPayload, type JournalStore, serializeExport } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, str } from "../spec.js";
import { openForRead } from "../store-access.js";

const FORMATS = ["json", "asciicast", "asciicast-v2", "asciicast-v3"];

/** The commands as a recording, their outputs read from the store lazily (they can be large). */
function* castCommands(store: JournalStore, commands: CommandPayload[]): Generator<CastCommand> {
  for (const p of commands) {
    const outputId = p.outputId;
    yield {
      line: p.line,
      startedAt: p.startedAt,
      endedAt: p.endedAt,
      exitStatus: p.exitStatus,
      cwd: p.cwd,
      ...(p.size ? { size: p.size } : {}),
      ...(p.resizes ? { resizes: p.resizes } : {}),
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
  only: string | undefined,
): Generator<string> {
  if (format === "json") {
    yield serializeExport(store.exportJournal(id));
    return;
  }
  const j = store.getJournal(id);
  const commands: CommandPayload[] = [];
  for (const e of store.events(id, { kinds: ["command"] }))
    if (e.payload.kind === "command" && (!only || e.id === only)) commands.push(e.payload);
  // the recording opens at the size of the first command that knows its terminal's
  const size = commands.find((p) => p.size)?.size;
  yield* exportCast(
    {
      title: j.title,
      // a recording of one command (--event) starts with it, not at the journal's start
      startedAt: only
        ? (commands[0]?.startedAt ?? j.startedAt ?? j.createdAt)
        : (j.startedAt ?? j.createdAt),
      commands: castCommands(store, commands),
      idleTimeLimit: 2,
      ...(size ? { cols: size.cols, rows: size.rows } : {}),
    },
    format === "asciicast-v2" ? 2 : 3,
  );
}

/** The id of the command `ref` names; other events have no recording. */
function commandId(store: JournalStore, journalId: string, ref: string): string {
  const e = store.getEvent(journalId, ref);
  const kind = e.payload.kind;
  if (kind !== "command")
    throw fail(
      "BadValue",
      "--event",
      "the number of a command",
      "stacklog export --format asciicast --event 12 --out step.cast",
      `event #${e.seq} is ${/^[aeiou]/.test(kind) ? "an" : "a"} ${kind}, not a command`,
      "Only commands have output to replay; `stacklog log --kind command` lists them.",
    );
  return e.id;
}

const WHY: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EISDIR: "it is a folder",
  ENOSPC: "no space left on the device",
  EDQUOT: "the disk quota is used up",
  EROFS: "the file system is read-only",
};

/** A file system failure writing `out`, as a catalogued error; anything else is passed on. */
function unwritable(out: string, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  const dir = path.dirname(path.resolve(out));
  if (code === "ENOENT")
    return existsSync(dir)
      ? fail("OutputUnwritable", out, `${dir} does not take new files`)
      : fail("OutputFolderNotFound", out, dir);
  if (code === "ENOTDIR")
    return fail("OutputUnwritable", out, "a part of its path is not a folder");
  const why = WHY[code];
  return why ? fail("OutputUnwritable", out, why) : err;
}

function attempt<T>(out: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw unwritable(out, err);
  }
}

/** Writes `texts` to `out` through a temporary file beside it: a failed export leaves neither. */
function writeFile(out: string, texts: Iterable<string>): void {
  if (statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw fail("OutputUnwritable", out, "it is a folder");
  const tmp = `${out}.${process.pid}.tmp`;
  const fd = attempt(out, () => openSync(tmp, "w"));
  let written = false;
  try {
    try {
      for (const text of texts) attempt(out, () => writeSync(fd, text));
    } finally {
      closeSync(fd);
    }
    attempt(out, () => renameSync(tmp, out));
    written = true;
  } finally {
    if (!written) rmSync(tmp, { force: true });
  }
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
  const event = str(args, "event");
  if (event !== undefined && format === "json")
    throw fail(
      "FlagNotApplicable",
      "--event",
      "picks one command for an asciicast recording; a JSON export always holds the whole journal",
      "stacklog export --format asciicast --event 12 --out step.cast",
    );
  const out = str(args, "out");
  const store = openForRead(ctx);
  try {
    const id = resolveJournal(ctx, store, str(args, "journal"));
    const only = event === undefined ? undefined : commandId(store, id, event);
    const texts = lines(store, id, format, only);
    if (!out) {
      for (const text of texts) ctx.stdout.write(text);
      return undefined;
    }
    writeFile(out, texts);
    ctx.warn(`exported journal ${id} to ${out}`);
    return undefined;
  } finally {
    store.close();
  }
}
