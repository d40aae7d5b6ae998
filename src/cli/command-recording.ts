import { createAnsibleParser, looksLikeAnsible, type RunTap } from "../capture/index.js";
import { createOffloadTap, outputWorkerWanted } from "../capture/offload/host.js";
import type { ProcessedOutput } from "../capture/offload/processor.js";
import { countingTap } from "../capture/run-tap.js";
import { fail, StacklogError } from "../errors/index.js";
import { ulidFactory } from "../journal/ids.js";
import {
  type CommandOutcome,
  type CommandPayload,
  commandEvent,
  decodeChunk,
  type EncodedChunk,
  type JournalStore,
  type NewEvent,
  type OutputWriter,
  type RunningCommand,
  type TerminalSize,
} from "../journal/index.js";
import type { Ctx } from "./context.js";
import { finishedWarning } from "./finished.js";
import { activate, currentPhase, isStoreProblem, journalNamed } from "./recorder.js";
import type { CommandStart, SessionStore } from "./recording-types.js";
import { learnFrom, type Redaction } from "./redaction.js";
import { runningRecord } from "./running-record.js";
import { SpoolWriter } from "./spool-writer.js";
import { journalRef, loadState, readState } from "./state.js";
import { RECORDING_BUSY_MS, tryOpen } from "./store-access.js";
import { checkEvents, isUpgradeCheck } from "./upgrade-checks.js";

const newId = ulidFactory();

export type { CommandStart, SessionStore } from "./recording-types.js";

// Enough for any real session; a program that resizes in a loop does not grow the record.
const MAX_RESIZES = 1000;

// How long a command's start waits to be written (see `CommandRecording.start`).
const START_DELAY_MS = 50;

// Enough of the output's tail to parse an upgrade check's report.
const TAIL_KEEP = 256 * 1024;

/**
 * Records one command around its run. Every method swallows storage failures: the store going
 * away mid-run moves the rest of the record to the spool, and the operator is told once.
 */
export class CommandRecording {
  /** The store this command's record goes to; null once it failed (the rest goes to the spool). */
  private store: JournalStore | null = null;
  /** The store this recording opened (not the session's): closed at the end. */
  private own: JournalStore | null = null;
  /** Why the store is not used, once it is not. */
  private problem: string | null = null;
  private writer: OutputWriter | null = null;
  private spool: SpoolWriter | null = null;
  private chunkIndex = 0;
  private readonly ansible: boolean;
  private running: RunningCommand | null = null;
  private warned = false;
  private readonly checks: boolean;
  /** The secrets this command's line and output are redacted with: the given ones and its own. */
  readonly redaction: Redaction;
  /** False when the command line is not stored (hidden, or a secret source unreadable). */
  private readonly lineKept: boolean;
  /** The start's writes still to do (see `start`). */
  private unsettled: { withheld: boolean; storeProblem: string | null } | null = null;
  private settleTimer: NodeJS.Timeout | null = null;
  /** Size changes of the command's terminal while it runs (see `resized`). */
  private readonly resizes: NonNullable<CommandPayload["resizes"]> = [];
  /** What the output worker reported, when the output went through `tap`. */
  private processed: ProcessedOutput | null = null;

  /**
   * `session` is a store the caller keeps open across commands (a recorded shell): it is used
   * instead of opening one per command, and left open. Should it fail, the record goes to the
   * spool as with any store; a store found locked is left alone (the records go to the spool)
   * until `session.lockedUntil`, so that a store locked for long holds up one command, not each.
   */
  constructor(
    private readonly ctx: Ctx,
    journalFlag: string | undefined,
    private readonly cmd: CommandStart,
    redaction: Redaction,
    private readonly session: SessionStore | null = null,
  ) {
    // A registered secret source that cannot be read (being rewritten, moved) leaves its values
    // unknown: the line is kept back like a hidden one, and the output with it.
    const withheld = redaction.unreadable.length > 0 || cmd.hidden === true;
    this.lineKept = !withheld;
    const line = withheld ? "[not recorded]" : redaction.redactor.redact(cmd.line);
    // a value the line sets (`export OS_PASSWORD=...`) is hidden in the output too
    this.redaction = withheld || line === cmd.line ? redaction : learnFrom(redaction, cmd.line);
    this.ansible = !withheld && looksLikeAnsible(line);
    this.checks = !withheld && isUpgradeCheck(line);
    if (redaction.unreadable.length > 0)
      ctx.warn(`command line and output not stored: ${redaction.unreadable[0]?.message}`);
    this.start(journalFlag, line, withheld);
  }

  /**
   * The capture for `runCommand`: the output is decoded, redacted, parsed and compressed in the
   * output worker, and only the store writes happen on the thread that copies the command's
   * output to the terminal, when the machine has the CPUs for it (see `outputWorkerWanted`).
   */
  tap(startedAt: number): RunTap {
    if (!this.lineKept) return countingTap();
    const off = createOffloadTap({
      spec: {
        secrets: this.redaction.secrets,
        ansible: this.ansible,
        keepTail: this.checks ? TAIL_KEEP : 0,
        startedAt,
      },
      onChunk: (c) => this.storeChunk(c),
      now: this.ctx.now,
      inline: !outputWorkerWanted(this.ctx.env),
    });
    return {
      write: (b) => off.write(b),
      onDrain: (fn) => off.onDrain(fn),
      end: async () => {
        this.processed = await off.end();
      },
      get bytes() {
        return off.bytes;
      },
      get error() {
        return undefined;
      },
    };
  }

  private start(journalFlag: string | undefined, line: string, withheld: boolean): void {
    const session = this.session;
    const opened = !session
      ? tryOpen(this.ctx, { recording: true })
      : this.ctx.now() < session.lockedUntil
        ? ({
            ok: false,
            error: fail("StoreLocked", session.store.path, RECORDING_BUSY_MS),
          } as const)
        : ({ ok: true, store: session.store } as const);
    if (opened.ok) {
      this.store = opened.store;
      if (!this.session) this.own = opened.store;
    } else this.problem = opened.error.message;
    if (!this.begin(journalFlag, line)) {
      this.close();
      return;
    }
    // The start's writes (the output row, the running row, the journal's status) wait a moment:
    // a command over by then (most commands typed in a shell) is stored in one transaction with
    // its end. Output to store, or the moment passing, writes them at once.
    this.unsettled = { withheld, storeProblem: opened.ok ? null : opened.error.message };
    this.settleTimer = setTimeout(() => this.settleStart(), START_DELAY_MS);
    this.settleTimer.unref();
  }

  /** Resolves the journal and the phase, and fills in the running record; writes nothing. */
  private begin(journalFlag: string | undefined, line: string): boolean {
    const ctx = this.ctx;
    let journalId: string | null = journalRef(ctx, journalFlag);
    try {
      if (journalId && this.store) {
        const j = this.store.getJournal(journalId);
        journalId = j.id;
        // (a recorded shell says so once, when it starts)
        const finished = this.session ? null : finishedWarning(j);
        if (finished) ctx.warn(finished);
      }
    } catch (err) {
      if (isStoreProblem(err)) {
        // a store that opens but cannot be read: the record waits in the spool
        this.storeFailed((err as Error).message, err);
      } else if (!journalNamed(ctx, journalFlag) && journalId && isNotFound(err)) {
        // The current journal is not in this store (the store was moved aside or replaced):
        // the record waits in the spool until a store that holds it is back.
        ctx.warn(
          `the current journal ${journalId} is not in the store at ${ctx.home}; this command's record waits in the spool until it is (\`stacklog start --title "..."\` begins a new journal)`,
        );
        this.warned = true;
        this.storeFailed(`journal ${journalId} not in the store`);
      } else {
        ctx.warn(`not recorded: ${(err as Error).message}`);
        journalId = null;
      }
    }
    if (!journalId) {
      // (an unreadable state file has said why itself: `start` would refuse too)
      if (!journalRef(ctx, journalFlag) && loadState(ctx.home).ok)
        ctx.warn('not recorded: no current journal (stacklog start --title "...")');
      return false;
    }
    const phase = this.store
      ? safe(() => currentPhase(this.store as JournalStore, journalId), null)
      : safe(() => readState(ctx.home).currentPhase, null);
    this.running = runningRecord(ctx, this.cmd, this.redaction, {
      eventId: newId(ctx.now()),
      journalId,
      line,
      phase,
      argvKept: this.lineKept,
    });
    return true;
  }

  /**
   * Writes what the start left for later, in a transaction of its own; `finishing` when called
   * inside the end's transaction (the command is over: no running row then).
   */
  private settleStart(finishing = false): void {
    const u = this.unsettled;
    const r = this.running;
    if (!u || !r) return;
    this.unsettled = null;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    const write = (): void => {
      r.outputId = u.withheld ? null : this.openOutput(u.storeProblem);
      const store = this.store;
      if (!store) {
        // the spool holds the start before any output, as the store would: a kill -9 now
        // leaves a command recorded as interrupted, not output that belongs to nothing
        if (!finishing) this.spoolStart(r, u.storeProblem);
        return;
      }
      if (!finishing) safe(() => store.markRunning(r), undefined);
      safe(() => activate(store, r.journalId, this.ctx.now()), undefined);
    };
    const store = this.store;
    if (finishing || !store) {
      write();
      return;
    }
    try {
      store.batch(write);
    } catch (err) {
      // The transaction failed as a whole (locked too long, a failed commit): the rest of this
      // record goes to the spool, without waiting on the store again.
      this.writer = null;
      this.storeFailed((err as Error).message, err);
      write();
    }
  }

  private openOutput(storeProblem: string | null): string {
    if (this.store) {
      try {
        this.writer = this.store.beginOutput();
        return this.writer.id;
      } catch (err) {
        this.storeFailed((err as Error).message, err);
        return newId(this.ctx.now());
      }
    }
    this.toSpool(storeProblem ?? this.problem ?? "not opened");
    return newId(this.ctx.now());
  }

  private spoolStart(r: RunningCommand, storeProblem: string | null): void {
    this.toSpool(storeProblem ?? this.problem ?? "not opened");
    // (no folder taking it: the end says so, or tries the next folder)
    this.spool?.append({ type: "running", running: { ...r } });
  }

  /** The store failed: the rest of this record goes to the spool (the store is not tried again). */
  private storeFailed(reason: string, err?: unknown): void {
    this.problem ??= reason;
    this.noteLocked(err);
    this.store = null;
    this.toSpool(reason);
  }

  /** A recorded shell leaves a store it found locked alone for a while (see `SessionStore`). */
  private noteLocked(err: unknown): void {
    if (this.session && err instanceof StacklogError && err.code === "StoreLocked")
      this.session.lockedUntil = this.ctx.now() + LOCKED_PAUSE_MS;
  }

  private toSpool(reason: string): void {
    if (!this.warned) {
      this.warned = true;
      this.ctx.warn(
        `store unavailable (${reason}); this command's record is kept in the spool and stored by the next stacklog call`,
      );
    }
    this.writer = null;
    this.spool ??= new SpoolWriter(this.ctx);
  }

  private storeChunk(c: EncodedChunk): void {
    this.settleStart();
    const outputId = this.running?.outputId;
    if (!outputId) return;
    if (this.writer) {
      try {
        this.writer.writeEncoded(c);
        this.chunkIndex = this.writer.chunks;
        return;
      } catch (err) {
        this.storeFailed((err as Error).message, err);
      }
    }
    const text = decodeChunk(
      c.enc,
      Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength),
    );
    this.spool?.append({
      type: "output",
      outputId,
      index: this.chunkIndex++,
      t: c.t,
      data: text.toString("utf8"),
    });
  }

  /** Appends the command event (or spools it) and releases the store. */
  finish(end: CommandOutcome): void {
    const r = this.running;
    if (!r) return;
    const out = this.processed;
    if (out?.error) this.ctx.warn(`output capture stopped: ${out.error}`);
    const settling = this.unsettled !== null;
    let events: NewEvent[] = [];
    try {
      const store = this.store;
      if (!store) throw new Error(this.problem ?? "not opened");
      // One transaction: the start if it is still pending, the output's end, the events and
      // the running row go together.
      store.batch(() => {
        this.settleStart(true);
        events = this.endEvents(r, end);
        this.writer?.end(out ? out.indexText : undefined);
        store.appendMany(events);
        store.finishRunning(r.eventId);
      });
    } catch (err) {
      if (settling) {
        // Rolled back with the rest: no output was stored (stored output settles the start).
        this.unsettled = null;
        if (this.settleTimer) clearTimeout(this.settleTimer);
        r.outputId = null;
      }
      this.noteLocked(err);
      this.toSpool((err as Error).message);
      events = this.endEvents(r, end);
      if (r.outputId) this.spool?.append({ type: "output-end", outputId: r.outputId });
      if (!events.every((e) => this.spool?.append({ type: "event", event: e })))
        this.ctx.warn("could not keep this command's record anywhere: no spool folder is writable");
    }
    this.close();
  }

  /** The command's terminal took a new size at `at` (epoch ms): replays show it at that size. */
  resized(at: number, size: TerminalSize): void {
    if (this.resizes.length >= MAX_RESIZES) return;
    const start = this.running?.startedAt ?? this.cmd.startedAt ?? at;
    this.resizes.push({ t: Math.max(0, at - start), cols: size.cols, rows: size.rows });
  }

  /** The command event, and the upgrade-check events its output holds. */
  private endEvents(r: RunningCommand, end: CommandOutcome): NewEvent[] {
    const out = this.processed;
    const event = commandEvent(r, end, out ? out.bytes : 0);
    if (this.cmd.hidden) event.payload.hidden = true;
    if (this.cmd.step) event.payload.step = this.cmd.step;
    if (this.cmd.size) event.payload.size = this.cmd.size;
    if (this.resizes.length > 0) event.payload.resizes = this.resizes;
    // (a command that never started has no output: its summary is the empty one)
    if (this.ansible)
      event.payload.summary = { ansible: out?.summary ?? createAnsibleParser().end() };
    const tail = out ? out.tail : "";
    return [event, ...(this.checks ? checkEvents(event, tail, end.exitStatus) : [])];
  }

  private close(): void {
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.spool?.close();
    safe(() => this.own?.close(), undefined);
    this.own = null;
    this.store = null;
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

// How long a recorded shell leaves a store it found locked before trying it again.
const LOCKED_PAUSE_MS = 5000;

function isNotFound(err: unknown): boolean {
  return err instanceof StacklogError && err.code === "JournalNotFound";
}
