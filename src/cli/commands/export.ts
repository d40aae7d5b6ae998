import {
  closeSync,
  existsSync,
  lstatSync,
  openSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { type CastCommand, exportCast } from "../../capture/index.js";
import { fail } from "../../errors/index.js";
import {
  type CommandPayload,
  exportParts,
  type JournalStore,
  maxDocumentBytes,
  STORE_FILE,
} from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { exportUnwritable } from "../output-errors.js";
import { resolveJournal } from "../recorder.js";
import { type Args, str } from "../spec.js";
import { openForRead } from "../store-access.js";

const FORMATS = ["json", "asciicast", "asciicast-v2", "asciicast-v3"];

/** The store's files, there or not yet: the database, what SQLite keeps beside it, the state. */
const STORE_FILES = [
  STORE_FILE,
  `${STORE_FILE}-wal`,
  `${STORE_FILE}-shm`,
  `${STORE_FILE}-journal`,
  "state.json",
];

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

/**
 * The journal as JSON, in pieces. Its size is measured (one pass that keeps nothing) before
 * the first piece is handed out: a document `stacklog import` could not read back is refused
 * with ExportTooLarge before anything is written, to standard output as to a file.
 */
function jsonParts(store: JournalStore, id: string, limit: number): Iterable<string> {
  const doc = store.exportJournal(id);
  let size = 0;
  for (const part of exportParts(doc)) size += Buffer.byteLength(part);
  if (size > limit) throw fail("ExportTooLarge", doc.journal.id, size, true, limit);
  return exportParts(doc);
}

function* castLines(store: JournalStore, id: string, format: string, only: string | undefined) {
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

function attempt<T>(out: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw exportUnwritable(out, err);
  }
}

/**
 * Writes `texts` to `file` (`out` as the operator named it) through a temporary file beside it:
 * a failed export leaves neither.
 */
function writeFile(out: string, file: string, texts: Iterable<string>): void {
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
    throw fail("OutputUnwritable", out, "it is a folder");
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = attempt(out, () => openSync(tmp, "w"));
  let written = false;
  try {
    try {
      for (const text of texts) attempt(out, () => writeSync(fd, text));
    } finally {
      closeSync(fd);
    }
    attempt(out, () => renameSync(tmp, file));
    written = true;
  } finally {
    if (!written) rmSync(tmp, { force: true });
  }
}

/**
 * Where writing `file` would put bytes: its real path, following symbolic links (dangling ones
 * too) as far as they lead. A path under a missing folder is returned as given.
 */
function landsOn(file: string): string {
  let p = file;
  for (let hops = 0; hops < 40; hops++) {
    try {
      return realpathSync(p);
    } catch {
      // missing: the real folder it would be written in, unless it is a link that leads nowhere
    }
    let dir: string;
    try {
      dir = realpathSync(path.dirname(p));
    } catch {
      return p;
    }
    const here = path.join(dir, path.basename(p));
    if (!lstatSync(here, { throwIfNoEntry: false })?.isSymbolicLink()) return here;
    p = path.resolve(dir, readlinkSync(here));
  }
  return p;
}

/**
 * Refuses an output that is part of the store (OutputInStore): its database and the files
 * SQLite keeps beside it, the state file, and any file already in the store's folder or in its
 * own folders (spool, hooks, sessions). Writing one would replace what the store holds; a
 * new file directly in the store's folder harms nothing and is let through.
 */
function refuseStoreFile(ctx: Ctx, out: string, file: string): void {
  let home = path.resolve(ctx.home);
  try {
    home = realpathSync(home);
  } catch {
    // no store yet: the path it will have
  }
  const real = attempt(out, () => landsOn(file));
  const rel = path.relative(home, real);
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return;
  const own = STORE_FILES.includes(path.basename(real)) || path.dirname(real) !== home;
  if (own || existsSync(real)) throw fail("OutputInStore", out, real, home);
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
  const file = out === undefined ? undefined : path.resolve(ctx.cwd, out);
  if (out !== undefined && file !== undefined) refuseStoreFile(ctx, out, file);
  const store = openForRead(ctx);
  try {
    const id = resolveJournal(ctx, store, str(args, "journal"));
    const only = event === undefined ? undefined : commandId(store, id, event);
    const texts =
      format === "json"
        ? jsonParts(store, id, maxDocumentBytes(ctx.env))
        : castLines(store, id, format, only);
    if (out === undefined || file === undefined) {
      for (const text of texts) ctx.stdout.write(text);
      return undefined;
    }
    writeFile(out, file, texts);
    ctx.warn(`exported journal ${id} to ${out}`);
    return undefined;
  } finally {
    store.close();
  }
}
