import { fail } from "../../errors/index.js";
import type { Journal, JournalStatus } from "../../journal/index.js";
import { type Ctx, recordedIdentity } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { loadRedaction } from "../redaction.js";
import { type Args, str } from "../spec.js";
import { loadState, readState, updateState } from "../state.js";
import { openForRead } from "../store-access.js";
import { oneLine } from "./format.js";

const ENDINGS: JournalStatus[] = ["completed", "abandoned", "rolled-back"];

/** Ends the journal with an outcome and ends the running phase. */
export async function run(args: Args, ctx: Ctx): Promise<Journal> {
  const status = str(args, "status");
  // No default: a journal's outcome cannot be changed once it is finished.
  if (status === undefined)
    throw fail(
      "MissingArgument",
      `--status ${ENDINGS.join(" | ")}`,
      "stacklog finish --status completed (the outcome cannot be changed once the journal is finished)",
    );
  if (!ENDINGS.includes(status as JournalStatus)) {
    throw fail(
      "BadValue",
      "--status",
      ENDINGS.join(" | "),
      "stacklog finish --status completed",
      status,
    );
  }
  // Checked before anything changes: the journal would be finished, then the state update fail.
  const state = loadState(ctx.home);
  if (!state.ok) throw state.error;
  const store = openForRead(ctx);
  try {
    const id = resolveJournal(ctx, store, str(args, "journal"));
    const before = store.getJournal(id);
    if (ENDINGS.includes(before.status)) throw fail("JournalFinished", id, before.status);
    const phases = store.events(id, { kinds: ["phase"] });
    const last = phases[phases.length - 1];
    if (last?.payload.kind === "phase" && last.payload.action === "begin") {
      const redactor = loadRedaction(ctx).redactor;
      const who = recordedIdentity(ctx, (t) => redactor.redact(t));
      store.append({
        journalId: id,
        time: ctx.now(),
        actor: who.actor,
        terminal: who.terminal,
        phase: last.payload.name,
        payload: { kind: "phase", action: "end", name: last.payload.name },
      });
    }
    const journal = store.updateJournal(id, {
      status: status as JournalStatus,
      endedAt: ctx.now(),
    });
    // The journal stays current, so `log`, `show` and late lessons still find it; `start` replaces it.
    if (readState(ctx.home).currentJournal === id) updateState(ctx.home, { currentPhase: null });
    return journal;
  } finally {
    store.close();
  }
}

export function human(j: Journal): string {
  return `Journal ${j.id} ${j.status}: ${oneLine(j.title)}\n`;
}
