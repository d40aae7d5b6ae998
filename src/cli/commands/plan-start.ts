import type { PlanEventPayload } from "../../journal/index.js";
import { type Plan, renderPlanMarkdown } from "../../plan/index.js";
import type { Ctx } from "../context.js";
import { loadRedaction, redactDeep } from "../redaction.js";
import { updateState } from "../state.js";
import { openForRead } from "../store-access.js";

/** The plan as it is stored in its journal: phases and steps with their commands and why. */
export function planEvent(plan: Plan): PlanEventPayload {
  return {
    kind: "plan",
    tool: plan.tool,
    from: plan.from.id,
    to: plan.to.id,
    hops: plan.hops.map((h) => ({
      from: h.from.id,
      to: h.to.id,
      skipped: h.skipped.map((s) => s.id),
    })),
    phases: plan.hops.flatMap((h) =>
      h.phases.map((p) => ({
        id: p.id,
        title: p.title,
        steps: p.steps.map((s) => ({
          id: s.id,
          title: s.title,
          why: s.why,
          commands: s.commands,
          ...(s.pointOfNoReturn ? { pointOfNoReturn: s.pointOfNoReturn } : {}),
        })),
      })),
    ),
    markdown: renderPlanMarkdown(plan),
  };
}

/** Creates a `planned` journal that follows the plan and makes it current. */
export function startFromPlan(plan: Plan, ctx: Ctx): { id: string; title: string } {
  const redaction = loadRedaction(ctx);
  const [problem] = redaction.unreadable;
  if (problem) throw problem;
  const store = openForRead(ctx);
  try {
    const journal = store.createJournal({
      title: `${plan.tool} upgrade ${plan.from.name} → ${plan.to.name}`,
      tool: plan.tool,
      fromSeries: plan.from.id,
      toSeries: plan.to.id,
      status: "planned",
      operators: [ctx.actor],
    });
    store.append({
      journalId: journal.id,
      time: ctx.now(),
      actor: ctx.actor,
      terminal: ctx.terminal,
      phase: null,
      payload: redactDeep(planEvent(plan), redaction.redactor),
    });
    updateState(ctx.home, { currentJournal: journal.id, currentPhase: null });
    return { id: journal.id, title: journal.title };
  } finally {
    store.close();
  }
}
