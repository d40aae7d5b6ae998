import { type Plan, planPayload } from "../../plan/index.js";
import { type Ctx, recordedIdentity } from "../context.js";
import { loadRedaction, redactDeep } from "../redaction.js";
import { updateState } from "../state.js";
import { openForRead } from "../store-access.js";

/** Creates a `planned` journal that follows the plan and makes it current. */
export function startFromPlan(plan: Plan, ctx: Ctx): { id: string; title: string } {
  const redaction = loadRedaction(ctx);
  const [problem] = redaction.unreadable;
  if (problem) throw problem;
  const who = recordedIdentity(ctx, (t) => redaction.redactor.redact(t));
  const store = openForRead(ctx);
  try {
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
    updateState(ctx.home, { currentJournal: journal.id, currentPhase: null });
    return { id: journal.id, title: journal.title };
  } finally {
    store.close();
  }
}
