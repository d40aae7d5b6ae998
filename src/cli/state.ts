import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fail, type StacklogError } from "../errors/index.js";
import { makeDirs } from "../util/make-dirs.js";
import { writeProblem } from "../util/write-problem.js";
import type { Ctx } from "./context.js";

/**
 * Small plain files beside the store that must stay readable when the database is not:
 * the current journal (so a command can still be spooled for it) and the registered secret
 * sources (so spooled data is redacted too). Values of secrets are never written anywhere.
 *
 * A state file that exists but cannot be read or parsed is never taken for empty state: that
 * would switch off every registered secret source without a word. It fails closed instead
 * (StateUnreadable), verb by verb:
 * - verbs that store text (start, note, phase, milestone, amend, step, snapshot, import, shell)
 *   refuse: `loadRedaction` reports the state file among the unreadable sources, which they
 *   refuse on already;
 * - `run` still runs the command and passes its status through, as with an unreadable source:
 *   the current journal is unknown, so nothing is stored unless `--journal` or
 *   `$STACKLOG_JOURNAL` names one, and then only that it ran, without its line or output;
 * - verbs that change the state file (`secrets add` and `remove`, `start`) refuse: writing it
 *   would drop what it holds;
 * - `status` reports the file among the unreadable secret sources and says the current journal
 *   is unknown; `list` lists the journals and says the same; `secrets list` fails with the error
 *   rather than show no sources.
 */
export interface CliState {
  currentJournal: string | null;
  /** The phase in force when last seen, for events spooled while the store is unavailable. */
  currentPhase: string | null;
  secretSources: { path: string; kind: string; addedAt: number }[];
}

const EMPTY: CliState = { currentJournal: null, currentPhase: null, secretSources: [] };

/** `<home>/state.json`. */
export function statePath(home: string): string {
  return path.join(home, "state.json");
}

export type StateRead = { ok: true; state: CliState } | { ok: false; error: StacklogError };

/** Reads the state file: empty state when there is none, StateUnreadable when it cannot be used. */
export function loadState(home: string): StateRead {
  const file = statePath(home);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // (ENOTDIR: the home is a file, so no state file can be there; the store says so itself)
    if (code === "ENOENT" || code === "ENOTDIR")
      return { ok: true, state: { ...EMPTY, secretSources: [] } };
    if (code === "EACCES" || code === "EPERM")
      return { ok: false, error: fail("StateNotPermitted", file, (err as Error).message) };
    const why = code === "EISDIR" ? "it is a folder, not a file" : (err as Error).message;
    return { ok: false, error: fail("StateUnreadable", file, why) };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: fail("StateUnreadable", file, syntaxError(text, err as Error)) };
  }
  const wrong = shapeProblem(data);
  if (wrong) return { ok: false, error: fail("StateUnreadable", file, wrong) };
  return { ok: true, state: { ...EMPTY, secretSources: [], ...(data as Partial<CliState>) } };
}

/**
 * Reads the state file; a missing one is empty state. Throws StateUnreadable when it exists but
 * cannot be read or parsed (see the file's comment).
 */
export function readState(home: string): CliState {
  const r = loadState(home);
  if (!r.ok) throw r.error;
  return r.state;
}

/**
 * Updates the state file atomically (write then rename), or says why it could not: an
 * unreadable state file is left as it is (StateUnreadable), a failed write leaves the old file
 * and no temporary file (StateUnwritable).
 */
export function tryUpdateState(home: string, patch: Partial<CliState>): StacklogError | null {
  const file = statePath(home);
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    makeDirs(home, 0o700);
    const before = loadState(home);
    if (!before.ok) return before.error;
    writeFileSync(tmp, `${JSON.stringify({ ...before.state, ...patch }, null, 2)}\n`, {
      mode: 0o600,
    });
    renameSync(tmp, file);
    return null;
  } catch (err) {
    rmSync(tmp, { force: true, recursive: true });
    return fail("StateUnwritable", file, writeProblem(err) ?? (err as Error).message);
  }
}

/** Updates the state file atomically; false when it was left as it was (see `tryUpdateState`). */
export function updateState(home: string, patch: Partial<CliState>): boolean {
  return tryUpdateState(home, patch) === null;
}

// Homes told already that the current journal is unknown: one warning per call is enough.
const toldUnknown = new Set<string>();

/**
 * The journal a verb works on: --journal, then $STACKLOG_JOURNAL, then the current one. Null
 * when none is current — or when the state file cannot be read, which is then said once on
 * stderr: `run` still runs its command then (unrecorded), other verbs fail for want of a journal.
 */
export function journalRef(ctx: Ctx, flag: string | undefined): string | null {
  const named = flag ?? ctx.env.STACKLOG_JOURNAL;
  if (named !== undefined) return named;
  const r = loadState(ctx.home);
  if (r.ok) return r.state.currentJournal;
  if (!toldUnknown.has(ctx.home)) {
    toldUnknown.add(ctx.home);
    ctx.warn(
      `the current journal is unknown: ${statePath(ctx.home)} cannot be read (\`stacklog secrets list\` says why and what to do); name the journal with --journal ID meanwhile`,
    );
  }
  return null;
}

/** Where JSON.parse stopped, as line and column; its own words otherwise. */
function syntaxError(text: string, err: Error): string {
  if (text.trim() === "") return "it is empty";
  const at = /at position (\d+)/.exec(err.message);
  const pos = at ? Number(at[1]) : /end of JSON input/.test(err.message) ? text.length : null;
  if (pos === null) return `JSON syntax error: ${err.message}`;
  const before = text.slice(0, pos).split("\n");
  const where = `line ${before.length}, column ${(before.at(-1) ?? "").length + 1}`;
  const reason = err.message.replace(/ in JSON at position \d+$/, "");
  return pos >= text.length
    ? `JSON syntax error: the file ends at ${where} before the JSON does (cut short?)`
    : `JSON syntax error at ${where} (position ${pos}): ${reason}`;
}

/** What makes parsed JSON something other than stacklog's state; null when it is fine. */
function shapeProblem(data: unknown): string | null {
  if (data === null || typeof data !== "object" || Array.isArray(data))
    return "it holds JSON, but not an object with currentJournal and secretSources";
  const d = data as Record<string, unknown>;
  for (const key of ["currentJournal", "currentPhase"] as const)
    if (d[key] !== undefined && d[key] !== null && typeof d[key] !== "string")
      return `${key} is ${JSON.stringify(d[key])}, not a string or null`;
  const sources = d.secretSources;
  if (sources === undefined) return null;
  if (!Array.isArray(sources)) return "secretSources is not a list";
  const bad = sources.findIndex(
    (s) =>
      s === null ||
      typeof s !== "object" ||
      typeof (s as { path?: unknown }).path !== "string" ||
      typeof (s as { kind?: unknown }).kind !== "string",
  );
  return bad < 0 ? null : `secretSources[${bad}] is not a {"path", "kind"} entry`;
}
