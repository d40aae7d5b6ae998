import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  isNestedShell,
  runShellSession,
  type ShellRecorder,
  shellKind,
} from "../../capture/shell/index.js";
import { ExitError, fail } from "../../errors/index.js";
import { CommandRecording, type SessionStore } from "../command-recording.js";
import type { Ctx } from "../context.js";
import { finishedWarning } from "../finished.js";
import { appendEvents, resolveJournal } from "../recorder.js";
import {
  learnFrom,
  loadRedaction,
  type Redaction,
  sourcesFingerprint,
  withLearned,
} from "../redaction.js";
import { type Args, str } from "../spec.js";
import { openForRead } from "../store-access.js";

const SIGNALS = new Map(Object.entries(os.constants.signals).map(([name, n]) => [n, name]));

/** `SIGINT` for 2, as `run` names the signal that ended a command. */
function signalName(n: number): string {
  return SIGNALS.get(n) ?? `signal ${n}`;
}

/**
 * The session's recorder. `session.redaction` grows as command lines set secrets (`export
 * OS_PASSWORD=...`): their values stay hidden in every later line and output of the session.
 */
function recorder(
  ctx: Ctx,
  journalId: string,
  session: Session,
  store: SessionStore,
): ShellRecorder {
  return {
    lineTyped(typed) {
      refresh(ctx, session);
      session.redaction = learnFrom(session.redaction, typed);
    },
    commandStarted(info) {
      const rec = new CommandRecording(
        ctx,
        journalId,
        {
          line: info.line,
          argv: null,
          cwd: info.cwd,
          mode: "shell",
          startedAt: info.startedAt,
          hidden: info.hidden,
          ...(info.size ? { size: info.size } : {}),
        },
        session.redaction,
        store,
      );
      return {
        resized: (at, size) => rec.resized(at, size),
        tap: (startedAt) => rec.tap(startedAt),
        finish: (end) => {
          rec.finish({
            endedAt: end.endedAt,
            exitStatus: end.exitStatus,
            signal:
              end.exitStatus !== null && end.exitStatus > 128
                ? signalName(end.exitStatus - 128)
                : null,
            ...(end.interrupted ? { interrupted: true } : {}),
          });
          tellIfFinished(ctx, journalId, session, store);
        },
      };
    },
    paused(on) {
      appendEvents(
        ctx,
        journalId,
        () => [{ kind: "milestone", name: on ? "recording paused" : "recording resumed" }],
        session.redaction,
      );
    },
  };
}

/** The session's redaction, and the sources it was read from. */
interface Session {
  redaction: Redaction;
  /** The redaction as the sources gave it (without what the session learned). */
  base: Redaction;
  fingerprint: string;
  /** The operator was told that the journal is finished (when the shell started, or since). */
  toldFinished: boolean;
}

/**
 * Says once, as `run` does, that the journal was finished (`stacklog finish` in another
 * terminal) and the shell's commands still go into it: one read of the journal after each
 * command, on the store the session keeps open, until it has said so. Never in the way: a store
 * that is locked or failing is not asked (the command's own record has said so).
 */
function tellIfFinished(ctx: Ctx, journalId: string, session: Session, store: SessionStore): void {
  if (session.toldFinished || ctx.now() < store.lockedUntil) return;
  let warning: string | null;
  try {
    warning = finishedWarning(store.store.getJournal(journalId));
  } catch {
    return;
  }
  if (!warning) return;
  session.toldFinished = true;
  ctx.warn(warning);
}

/**
 * Reads the secret sources again when they changed since the session read them (a source added
 * with `stacklog secrets add`, a passwords.yml rotated or merged mid-upgrade): one `stat` per
 * source and a read of the state file per command.
 */
function refresh(ctx: Ctx, session: Session): void {
  const now = sourcesFingerprint(ctx);
  if (now === session.fingerprint) return;
  const fresh = loadRedaction(ctx);
  session.redaction = withLearned(fresh, session.redaction, session.base);
  session.base = fresh;
  session.fingerprint = now;
}

/** Starts the operator's bash or zsh with recording loaded; every command becomes an event. */
export async function run(args: Args, ctx: Ctx): Promise<never> {
  if (isNestedShell(ctx.env)) throw fail("NestedShell");
  const shell = str(args, "shell") ?? ctx.env.SHELL ?? "/bin/bash";
  if (!shellKind(shell)) throw fail("UnsupportedShell", shell);
  const fingerprint = sourcesFingerprint(ctx);
  const loaded = loadRedaction(ctx);
  const session: Session = { redaction: loaded, base: loaded, fingerprint, toldFinished: false };
  const [problem] = session.redaction.unreadable;
  if (problem) throw problem;
  // One connection for the whole session, used by every command: opening one per command costs
  // more than the command's record, and when the last connection closes SQLite checkpoints and
  // removes the WAL (https://www.sqlite.org/wal.html), which the next command would recreate.
  const store = openForRead(ctx, { recording: true });
  // Left by `stacklog pause` until `stacklog resume`: the prompt shows [paused] meanwhile.
  const pausedFile = path.join(ctx.home, "sessions", `${process.pid}.paused`);
  let result: Awaited<ReturnType<typeof runShellSession>>;
  let journal: { id: string; title: string; status: string };
  try {
    journal = store.getJournal(resolveJournal(ctx, store, str(args, "journal")));
    const finished = finishedWarning(journal);
    if (finished) ctx.warn(finished);
    session.toldFinished = finished !== null;
    const banner = `stacklog: recording this shell into "${journal.title}" (${journal.id}). \`stacklog pause\` stops recording, \`exit\` ends it.\r\n`;
    result = await runShellSession({
      shell,
      cwd: ctx.cwd,
      env: { ...ctx.env, STACKLOG_JOURNAL: journal.id, STACKLOG_PAUSED_FILE: pausedFile },
      stdin: ctx.stdin,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      redact: () => session.redaction.redactor.stream(),
      // The terminal is raw while the shell runs: a warning starts and ends its own line.
      recorder: recorder(
        { ...ctx, warn: (line) => ctx.stderr.write(`\r\nstacklog: ${line}\r\n`) },
        journal.id,
        session,
        { store, lockedUntil: 0 },
      ),
      banner,
      now: ctx.now,
      pausedFile,
    });
  } finally {
    store.close();
    rmSync(pausedFile, { force: true });
  }
  if (result.captureError) ctx.warn(`recording stopped early: ${result.captureError}`);
  ctx.stderr.write(`stacklog: recording of "${journal.title}" ended\n`);
  throw new ExitError(result.exitStatus);
}
