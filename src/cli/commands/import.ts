import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import {
  createAnsibleParser,
  importCast,
  looksLikeAnsible,
  looksLikeRecording,
} from "../../capture/index.js";
import { fail, StacklogError } from "../../errors/index.js";
import { ulidFactory } from "../../journal/ids.js";
import {
  EXPORT_FORMAT,
  type Journal,
  type JournalStore,
  maxDocumentBytes,
} from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { redactExportDoc } from "../import-redaction.js";
import { currentPhase, resolveJournal } from "../recorder.js";
import { learnFrom, loadRedaction, redactDeep } from "../redaction.js";
import { type Args, bool, str } from "../spec.js";
import { loadState, updateState } from "../state.js";
import { openForRead } from "../store-access.js";
import { oneLine } from "./format.js";

const newId = ulidFactory();

export interface ImportSummary {
  journal: Journal;
  commands?: number;
  splitBy?: string;
  warnings?: string[];
}

/**
 * The file's bytes. One over the document limit (see `maxDocumentBytes`) is refused with
 * ImportTooLarge, before it is read when it is a plain file: it could not be decoded to text.
 */
function readInput(ctx: Ctx, file: string): { full: string; bytes: Buffer } {
  const full = path.resolve(ctx.cwd, file);
  const limit = maxDocumentBytes(ctx.env);
  try {
    const st = statSync(full);
    if (st.isFile() && st.size > limit) throw fail("ImportTooLarge", full, st.size, limit);
    const bytes = readFileSync(full);
    if (bytes.length > limit) throw fail("ImportTooLarge", full, bytes.length, limit);
    return { full, bytes };
  } catch (err) {
    if (err instanceof StacklogError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw fail("ImportFileNotFound", full, "does not exist");
    if (code === "EISDIR") throw fail("ImportFileNotFound", full, "is a folder, not a file");
    throw fail("ImportFileUnreadable", full, (err as Error).message);
  }
}

/** Whether `bytes` hold a journal written by `stacklog export` (not a recording). */
function isExport(bytes: Buffer): boolean {
  try {
    const doc: unknown = JSON.parse(bytes.toString("utf8"));
    return (doc as { format?: unknown } | null)?.format === EXPORT_FORMAT;
  } catch {
    return false;
  }
}

/** A recording's commands become command events of the journal, redacted on the way in. */
function importRecording(
  store: JournalStore,
  ctx: Ctx,
  args: Args,
  full: string,
  bytes: Buffer,
): ImportSummary {
  if (isExport(bytes)) throw fail("ImportIsExport", full);
  const cast = importCast(bytes, { sourceName: full });
  let redaction = loadRedaction(ctx);
  const [problem] = redaction.unreadable;
  if (problem) throw problem;
  const journalId = resolveJournal(ctx, store, str(args, "journal"));
  alreadyImported(store, journalId, full, cast.commands[0], redaction.redactor);
  const phase = currentPhase(store, journalId);
  const warnings = [...cast.warnings];
  for (const imported of cast.commands) {
    // recordings carry fractional milliseconds; the journal keeps whole ones
    const c = {
      ...imported,
      startedAt: Math.round(imported.startedAt),
      endedAt: Math.round(imported.endedAt),
    };
    // A password the line sets (`export OS_PASSWORD=...`) is hidden in its output and in every
    // later line and output of the recording, as in a recorded shell.
    redaction = learnFrom(redaction, c.line);
    const line = redaction.redactor.redact(c.line);
    const parser = looksLikeAnsible(line) ? createAnsibleParser() : null;
    const writer = store.beginOutput();
    const stream = redaction.redactor.stream();
    let last = 0;
    const take = (safe: string): void => {
      if (!safe) return;
      writer.write(safe, last);
      parser?.push(safe);
    };
    for (const chunk of c.output) {
      last = Math.round(chunk.t);
      take(stream.push(chunk.data));
    }
    take(stream.flush());
    writer.end();
    const event = store.append({
      id: newId(c.startedAt),
      journalId,
      time: c.startedAt,
      actor: redaction.redactor.redact(ctx.actor),
      terminal: null,
      phase,
      payload: redactDeep(
        {
          kind: "command",
          line: c.line,
          argv: null,
          cwd: c.cwd ?? "",
          host: ctx.host,
          user: ctx.user,
          mode: "import",
          startedAt: c.startedAt,
          endedAt: c.endedAt,
          durationMs: c.endedAt - c.startedAt,
          exitStatus: c.exitStatus,
          signal: null,
          outputId: writer.id,
          outputBytes: writer.bytes,
          ...(c.partial ? { interrupted: true } : {}),
          ...(parser ? { summary: { ansible: parser.end() } } : {}),
        },
        redaction.redactor,
      ),
    });
    if (!c.line)
      warnings.push(
        `#${event.seq} has no command line; say what it ran with \`stacklog amend ${event.seq} "COMMAND"\``,
      );
  }
  return {
    journal: store.getJournal(journalId),
    commands: cast.commands.length,
    splitBy: cast.splitBy,
    warnings,
  };
}

/** A store with no current journal gets the imported one, so that bare verbs work on it next. */
function makeCurrentIfNone(ctx: Ctx, store: JournalStore, journal: Journal): void {
  // a state file that cannot be read is left alone (the import itself is done)
  const state = loadState(ctx.home);
  if (!state.ok || state.state.currentJournal !== null) return;
  const phase = currentPhase(store, journal.id);
  if (updateState(ctx.home, { currentJournal: journal.id, currentPhase: phase }))
    ctx.warn(`journal ${journal.id} is now the current journal (this store had none)`);
}

/** Refuses a recording whose first command this journal holds already (an import run twice). */
function alreadyImported(
  store: JournalStore,
  journalId: string,
  full: string,
  first: { startedAt: number; line: string } | undefined,
  redactor: { redact(text: string): string },
): void {
  if (!first) return;
  const startedAt = Math.round(first.startedAt);
  const line = redactor.redact(first.line);
  for (const e of store.events(journalId, { kinds: ["command"] })) {
    const p = e.payload;
    if (p.kind === "command" && p.mode === "import" && p.startedAt === startedAt && p.line === line)
      throw fail("RecordingAlreadyImported", full, e.seq);
  }
}

/** Imports a JSON export (all or nothing) or, with --format asciicast, a terminal recording. */
export async function run(args: Args, ctx: Ctx): Promise<ImportSummary> {
  const file = args.positionals[0];
  if (!file)
    throw fail(
      "MissingArgument",
      "a file exported with `stacklog export`",
      "stacklog import upgrade.json",
    );
  const format = str(args, "format") ?? "json";
  if (format !== "json" && format !== "asciicast")
    throw fail(
      "BadValue",
      "--format",
      "json | asciicast",
      "stacklog import --format asciicast session.cast",
      format,
    );
  const { full, bytes } = readInput(ctx, file);
  const store = openForRead(ctx);
  try {
    if (format === "asciicast") return importRecording(store, ctx, args, full, bytes);
    if (looksLikeRecording(bytes)) throw fail("ImportIsRecording", full);
    let doc: unknown;
    try {
      doc = JSON.parse(bytes.toString("utf8"));
    } catch (err) {
      throw fail("MalformedImport", full, (err as Error).message);
    }
    // redacted with this store's secrets: the journal may come from a store that had other ones
    const redaction = loadRedaction(ctx);
    const [problem] = redaction.unreadable;
    if (problem) throw problem;
    const safe = redactExportDoc(doc, redaction.redactor);
    const journal = store.importJournal(safe, { replace: bool(args, "replace"), source: full });
    makeCurrentIfNone(ctx, store, journal);
    return { journal };
  } finally {
    store.close();
  }
}

export function human(r: ImportSummary): string {
  if (r.commands === undefined)
    return `Imported journal ${r.journal.id}: ${oneLine(r.journal.title)}\n`;
  const warn = (r.warnings ?? []).map((w) => `  warning: ${w}\n`).join("");
  return `Imported ${r.commands} ${r.commands === 1 ? "command" : "commands"} into ${r.journal.id} (split by ${r.splitBy})\n${warn}`;
}
