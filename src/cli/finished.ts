// Kept apart from command-recording.ts: `note`, `phase` and `milestone` use it, and must not load
// the capture code (and the YAML parser behind it) on their way to start-up.
import type { JournalStore } from "../journal/index.js";
import type { Ctx } from "./context.js";

const FINISHED = new Set(["completed", "abandoned", "rolled-back"]);

/**
 * One line when a command is recorded into a journal that was finished (likely a forgotten
 * `start`), else null.
 */
export function finishedWarning(j: { id: string; status: string }): string | null {
  if (!FINISHED.has(j.status)) return null;
  return `journal ${j.id} is ${j.status}; recording into it anyway (\`stacklog start --title "..."\` begins a new one)`;
}

/**
 * Says in one line on stderr, as `run` does, that the journal was finished and the event goes
 * into it anyway (likely a forgotten `stacklog start`). A spooled event (no store) cannot tell.
 */
export function warnIfFinished(ctx: Ctx, store: JournalStore | null, journalId: string): void {
  if (!store) return;
  const warning = finishedWarning(store.getJournal(journalId));
  if (warning) ctx.warn(warning);
}
