import { type Plan, planPayload } from "../../plan/index.js";
import { type Ctx, recordedIdentity } from "../context.js";
import { loadRedaction, redactDeep } from "../redaction.js";
import { tryUpdateState } from "../state.js";
import { openForRead } from "../store-access.js";
import { notStarted } from "./start.js";

/** Creates a `planned` journal that follows the plan and makes it current. */
export function startFromPlan(plan: Plan, ctx: Ctx): { id: string; title: string } {
  const redaction = loadRedaction(ctx);
  const [problem] = redaction.unreadable;
  if (problem) throw problem;
  const who = recordedIdentity(ctx, (t) => redaction.redactor.redact(t));
  const store = openForRead(ctx);
  try {
    // One transaction with the state file's write, as `start` does: a journal that cannot be
    // made current is not created (later records would go to the old one).
    return store.batch(() => {
      const journal = store.createJournal({
        title: `${plan.tool} upgrade ${plan.from.name} → ${plan.to.name}`,
        tool: plan.tool,
        fromSeries: plan.from.id,
        toSeries: plan.to.id,
        status: "planned",
        operators: [who.actor],
      });
      store.append({
        journalId: journal.id,
        time: ctx.now(),
        actor: who.actor,
        terminal: who.terminal,
        phase: null,
        payload: redactDeep(planPayload(plan), redaction.redactor),
      });
      const failed = tryUpdateState(ctx.home, { currentJournal: journal.id, currentPhase: null });
      if (failed) throw notStarted(failed);
      return { id: journal.id, title: journal.title };
    });
  } finally {
    store.close();
  }
}
