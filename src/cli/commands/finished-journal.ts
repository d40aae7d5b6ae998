import type { JournalStore } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { finishedWarning } from "../finished.js";

/**
 * Says in one line on stderr, as `run` does, that the journal was finished and the event goes
 * into it anyway (likely a forgotten `stacklog start`). A spooled event (no store) cannot tell.
 */
export function warnIfFinished(ctx: Ctx, store: JournalStore | null, journalId: string): void {
  if (!store) return;
  const warning = finishedWarning(store.getJournal(journalId));
  if (warning) ctx.warn(warning);
}
