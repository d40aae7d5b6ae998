import { ExitError, StacklogError } from "../../errors/index.js";
import {
  type Journal,
  type JournalStore,
  pidAlive,
  type RunningCommand,
} from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { type PlanProgress, planProgress } from "../plan-progress.js";
import { currentPhase, isStoreProblem } from "../recorder.js";
import { loadRedaction } from "../redaction.js";
import { type Args, str } from "../spec.js";
import { journalRef, statePath } from "../state.js";
import { spooledTotal, tryOpen } from "../store-access.js";
import { count } from "./describe.js";
import { duration, oneLine, paint, utc } from "./format.js";

export interface StatusResult {
  store: { path: string; ok: boolean; problem: string | null };
  journal: Journal | null;
  phase: string | null;
  counts: { events: number; commands: number; failed: number; problems: number } | null;
  running: RunningCommand[];
  interruptedNow: number;
  spooled: number;
  drained: number;
  unreadableSecretSources: string[];
  plan: PlanProgress | null;
  /** The current journal (from the state file) when the store does not hold it. */
  missingJournal: string | null;
  /** Journals, not in this store, that spooled records wait for. */
  spoolWaitsFor: string[];
}

/**
 * The truth about the store and the current journal, including commands cut short by a crash.
 * When the store cannot be opened it still reports what it can (the spool, the secret sources),
 * then exits with the store problem's status (4).
 */
export async function run(args: Args, ctx: Ctx): Promise<StatusResult> {
  const redaction = loadRedaction(ctx);
  const unreadable = redaction.unreadable.map((e) => e.message);
  // Running rows name their host as events do, redacted (a host name may hold a secret).
  const host = redaction.redactor.redact(ctx.host);
  const opened = tryOpen(ctx);
  const base = {
    running: [],
    interruptedNow: 0,
    phase: null,
    counts: null,
    journal: null,
    unreadableSecretSources: unreadable,
    plan: null,
    missingJournal: null,
    spoolWaitsFor: opened.ok ? opened.waitingFor : [],
  };
  // The report is the point of `status`: when the store cannot be used it is printed here,
  // before the error status.
  const unavailable = (error: StacklogError): never => {
    const result: StatusResult = {
      ...base,
      store: { path: ctx.home, ok: false, problem: error.message },
      spooled: spooledTotal(ctx),
      drained: 0,
    };
    ctx.stdout.write(ctx.json ? `${JSON.stringify(result, null, 2)}\n` : human(result, ctx));
    const hint = error.details.hint;
    ctx.warn(`${error.details.title}${hint ? `; what to do: ${hint}` : ""}`);
    throw new ExitError(error.exitCode);
  };
  if (!opened.ok) return unavailable(opened.error);
  const store = opened.store;
  try {
    return report(store);
  } catch (err) {
    // a store that opens but cannot be read (a corrupt page) is reported like one that does not
    if (isStoreProblem(err)) return unavailable(err as StacklogError);
    throw err;
  } finally {
    store.close();
  }

  function report(store: JournalStore): StatusResult {
    const interruptedNow = store.reapStale((pid) => pidAlive(pid), host).length;
    const flag = str(args, "journal");
    const ref = journalRef(ctx, flag);
    let journal: Journal | null = null;
    try {
      journal = ref ? store.getJournal(ref) : null;
    } catch (err) {
      // The current journal named in the state file is not in this store (the store was moved
      // aside or replaced): say so, and still report the store and the spool.
      if (flag !== undefined || !(err instanceof StacklogError) || err.code !== "JournalNotFound")
        throw err;
      return {
        ...base,
        store: { path: ctx.home, ok: true, problem: null },
        interruptedNow,
        spooled: spooledTotal(ctx),
        drained: opened.ok ? opened.drained : 0,
        missingJournal: ref,
      };
    }
    const result: StatusResult = {
      ...base,
      store: { path: ctx.home, ok: true, problem: null },
      journal,
      interruptedNow,
      spooled: spooledTotal(ctx),
      drained: opened.ok ? opened.drained : 0,
    };
    if (!journal) return result;
    const events = store.events(journal.id);
    let commands = 0,
      failed = 0,
      problems = 0;
    for (const e of events) {
      if (e.payload.kind === "command") {
        commands++;
        if (e.payload.exitStatus !== 0) failed++;
      } else if (e.payload.kind === "note" && e.payload.noteKind === "problem") problems++;
    }
    return {
      ...result,
      phase: currentPhase(store, journal.id),
      counts: { events: events.length, commands, failed, problems },
      running: store.listRunning(journal.id),
      plan: planProgress(events),
    };
  }
}

export function human(s: StatusResult, ctx: Ctx): string {
  const out: string[] = [];
  out.push(
    `store:    ${s.store.path}${s.store.ok ? "" : paint(ctx, "red", ` — UNAVAILABLE: ${s.store.problem}`)}`,
  );
  if (s.spooled)
    out.push(
      paint(
        ctx,
        "yellow",
        `spooled:  ${count(s.spooled, "record")} waiting; stored by the next call that can open the store`,
      ),
    );
  if (s.drained) out.push(`stored:   ${count(s.drained, "spooled record")} just now`);
  if (s.spoolWaitsFor.length > 0)
    out.push(
      paint(
        ctx,
        "yellow",
        `waiting:  spooled records are for ${s.spoolWaitsFor.join(", ")}, not in this store; they are stored once a store holding ${s.spoolWaitsFor.length === 1 ? "it" : "them"} is at ${s.store.path}`,
      ),
    );
  for (const u of s.unreadableSecretSources) out.push(paint(ctx, "red", `secrets:  ${u}`));
  if (s.missingJournal)
    out.push(
      paint(
        ctx,
        "yellow",
        `journal:  ${s.missingJournal} (the current one) is not in this store — was the store moved aside or replaced? Records for it wait in the spool until a store that holds it is back; \`stacklog start --title "..."\` begins a new journal`,
      ),
    );
  if (!s.journal) {
    const stateRead = s.unreadableSecretSources.some((u) => u.startsWith(statePath(ctx.home)));
    if (s.store.ok && !s.missingJournal)
      out.push(
        stateRead
          ? "journal:  unknown — the state file that names it cannot be read (see secrets above)"
          : 'journal:  none current — stacklog start --title "..."',
      );
    return `${out.join("\n")}\n`;
  }
  const j = s.journal;
  const now = ctx.now();
  out.push(
    `journal:  ${j.id} — ${oneLine(j.title)}`,
    j.startedAt === null
      ? `status:   ${j.status}, not started yet (created ${utc(j.createdAt)})`
      : `status:   ${j.status}, started ${utc(j.startedAt)}, ${duration((j.endedAt ?? now) - j.startedAt)}`,
  );
  out.push(`phase:    ${s.phase === null ? "—" : oneLine(s.phase)}`);
  if (s.counts)
    out.push(
      `events:   ${s.counts.events} (${count(s.counts.commands, "command")}, ${s.counts.failed} failed, ${count(s.counts.problems, "problem")})`,
    );
  if (s.interruptedNow)
    out.push(
      paint(
        ctx,
        "yellow",
        `recorded: ${count(s.interruptedNow, "command")} as interrupted (${s.interruptedNow === 1 ? "its" : "their"} stacklog process is gone)`,
      ),
    );
  for (const r of s.running)
    out.push(
      `running:  $ ${oneLine(r.line)} (pid ${r.pid} on ${r.host}, since ${utc(r.startedAt)})`,
    );
  if (s.plan) out.push(...planLines(s.plan, ctx));
  return `${out.join("\n")}\n`;
}

function planLines(p: PlanProgress, ctx: Ctx): string[] {
  const out = [
    `plan:     ${p.plan.tool} ${p.plan.from} → ${p.plan.to}: ${p.done.length}/${p.total} steps done, ${p.skipped.length} skipped, ${p.repeated.length} repeated, ${count(p.added, "unplanned command")}`,
  ];
  if (!p.next) return [...out, "next:     every planned step is done"];
  out.push(
    `next:     ${paint(ctx, "bold", p.next.id)} — ${p.next.title} (${p.next.phase})`,
    `          why: ${p.next.why}`,
  );
  for (const c of p.next.commands) out.push(`          $ ${c}`);
  if (p.next.pointOfNoReturn)
    out.push(paint(ctx, "red", `          POINT OF NO RETURN: ${p.next.pointOfNoReturn}`));
  out.push(
    `          then: stacklog run --step ${p.next.id} -- COMMAND, or stacklog step ${p.next.id} [--skip]`,
  );
  return out;
}
