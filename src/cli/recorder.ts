import { fail, StacklogError } from "../errors/index.js";
import { ulidFactory } from "../journal/ids.js";
import type { EventPayload, JournalEvent, JournalStore, NewEvent } from "../journal/index.js";
import { refsIn } from "./commands/describe.js";
import type { Ctx } from "./context.js";
import { loadRedaction, type Redaction, redactDeep } from "./redaction.js";
import { SpoolWriter } from "./spool-writer.js";
import { journalRef, readState, updateState } from "./state.js";
import { tryOpen } from "./store-access.js";

const newId = ulidFactory();

/** What happened to appended events: stored, or kept in the spool for later. */
export interface Appended {
  journalId: string;
  events: NewEvent[];
  stored: JournalEvent[] | null;
  spoolDir: string | null;
  /** Numbers of the events these refer to (a fix's problem, an amendment's target), by id. */
  refs: Record<string, number>;
}

/** The phase in force: the last `phase` event, unless it was an `end`. */
export function currentPhase(store: JournalStore, journalId: string): string | null {
  const [last] = store.events(journalId, { kinds: ["phase"], latest: true, limit: 1 });
  if (last?.payload.kind !== "phase") return null;
  return last.payload.action === "begin" ? last.payload.name : null;
}

/** A `planned` journal becomes `in-progress` with its first recorded event. */
export function activate(store: JournalStore, journalId: string, now: number): void {
  if (store.getJournal(journalId).status === "planned") {
    store.updateJournal(journalId, { status: "in-progress", startedAt: now });
  }
}

/** Resolves the journal to write to, failing clearly when there is none. */
export function resolveJournal(ctx: Ctx, store: JournalStore | null, flag?: string): string {
  const ref = journalRef(ctx, flag);
  if (!ref) throw fail("NoCurrentJournal");
  if (!store) return ref;
  try {
    return store.getJournal(ref).id;
  } catch (err) {
    // the current one, not a journal the operator named: the store was replaced or moved aside
    if (err instanceof StacklogError && err.code === "JournalNotFound" && !journalNamed(ctx, flag))
      throw fail("CurrentJournalMissing", ref, store.path);
    throw err;
  }
}

/**
 * True when the operator named the journal (`--journal`, or `$STACKLOG_JOURNAL` naming another
 * than the current one). A named journal the store does not hold is a mistake to report; the
 * current one missing means the store was moved aside, and records wait in the spool for it.
 */
export function journalNamed(ctx: Ctx, flag: string | undefined): boolean {
  if (flag !== undefined) return true;
  const env = ctx.env.STACKLOG_JOURNAL;
  return env !== undefined && env !== currentJournal(ctx);
}

/** The current journal in the state file; null when there is none, or it cannot be read. */
function currentJournal(ctx: Ctx): string | null {
  try {
    return readState(ctx.home).currentJournal;
  } catch {
    return null;
  }
}

/**
 * Appends events built by `build` (redacted first). When the store cannot be opened or written
 * the events go to the spool and the operator is told in one line; nothing is lost.
 */
export function appendEvents(
  ctx: Ctx,
  flag: string | undefined,
  build: (at: {
    phase: string | null;
    store: JournalStore | null;
    journalId: string;
  }) => EventPayload[],
  redaction: Redaction = loadRedaction(ctx),
): Appended {
  const [problem] = redaction.unreadable;
  if (problem) throw problem;
  // what the operator marks happens now, however long the store then takes to answer
  const at = ctx.now();
  const opened = tryOpen(ctx);
  let store = opened.ok ? opened.store : null;
  let reason = opened.ok ? "" : opened.error.details.title.toLowerCase();
  try {
    let journalId: string;
    let phase: string | null;
    try {
      journalId = resolveJournal(ctx, store, flag);
      phase = store ? currentPhase(store, journalId) : readState(ctx.home).currentPhase;
    } catch (err) {
      // A store that opens but cannot be read (a corrupt page) is as unavailable as one that
      // does not open: the events wait in the spool, under the journal the operator named. So
      // do those of the current journal when the store does not hold it (moved aside, replaced).
      const missing = err instanceof StacklogError && err.code === "CurrentJournalMissing";
      if (!store || !(isStoreProblem(err) || missing)) throw err;
      reason = missing
        ? `the current journal is not in the store at ${ctx.home}; \`stacklog start\` begins a new one`
        : (err as StacklogError).details.title.toLowerCase();
      store.close();
      store = null;
      journalId = resolveJournal(ctx, null, flag);
      phase = readState(ctx.home).currentPhase;
    }
    // the whole event is redacted: a phase name typed by the operator is stored twice
    const events: NewEvent[] = build({ phase, store, journalId }).map((payload) =>
      redactDeep(
        {
          id: newId(at),
          journalId,
          time: at,
          actor: ctx.actor,
          terminal: ctx.terminal,
          // a phase's own begin and end events belong to that phase
          phase: payload.kind === "phase" ? payload.name : phase,
          payload,
        },
        redaction.redactor,
      ),
    );
    if (store) {
      const open = store;
      const refs = safeRead(
        () =>
          refsIn(
            open,
            journalId,
            events.map((e) => e.payload),
          ),
        {},
      );
      try {
        const stored = store.appendMany(events);
        activate(store, journalId, ctx.now());
        rememberPhase(ctx, events);
        return { journalId, events, stored, spoolDir: null, refs };
      } catch (err) {
        return spoolEvents(ctx, journalId, events, (err as Error).message);
      }
    }
    return spoolEvents(ctx, journalId, events, reason);
  } finally {
    store?.close();
  }
}

/** Errors that say the store cannot be used now, as opposed to what was asked of it. */
export function isStoreProblem(err: unknown): boolean {
  return (
    err instanceof StacklogError &&
    ["StoreLocked", "StoreCorrupt", "StoreUnwritable", "StoreNotFound", "StoreTooNew"].includes(
      err.code,
    )
  );
}

function safeRead<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (err) {
    if (isStoreProblem(err)) return fallback;
    throw err;
  }
}

function rememberPhase(ctx: Ctx, events: NewEvent[]): void {
  const last = [...events].reverse().find((e) => e.payload.kind === "phase");
  if (last && last.payload.kind === "phase") {
    updateState(ctx.home, {
      currentPhase: last.payload.action === "begin" ? last.payload.name : null,
    });
  }
}

function spoolEvents(ctx: Ctx, journalId: string, events: NewEvent[], reason: string): Appended {
  const spool = new SpoolWriter(ctx);
  const kept = events.every((e) => spool.append({ type: "event", event: e }));
  spool.close();
  if (!kept)
    throw fail("StoreUnwritable", ctx.home, `${reason}; and no spool folder could be written`);
  rememberPhase(ctx, events);
  const n = events.length;
  ctx.warn(
    `store unavailable (${reason}); ${n} ${n === 1 ? "event" : "events"} kept in ${spool.dir}/spool and stored by the next stacklog call`,
  );
  return { journalId, events, stored: null, spoolDir: spool.dir, refs: {} };
}
