import type { PlanEventPayload } from "../journal/index.js";
import { renderPlanMarkdown } from "./render-plan.js";
import type { Plan, PlanStep } from "./types.js";

/** A planned phase as `stacklog plan --start` writes it into a new journal. */
export interface PlannedPhase {
  id: string;
  title: string;
  steps: { id: string; title: string }[];
}

/** The plan's phases and steps, in order, with ids and titles only. */
export function planToJournalPhases(plan: Plan): PlannedPhase[] {
  return plan.hops.flatMap((h) =>
    h.phases.map((p) => ({
      id: p.id,
      title: p.title,
      steps: p.steps.map((s) => ({ id: s.id, title: s.title })),
    })),
  );
}

/** The plan as its journal stores it (a `plan` event): phases and steps with their why and commands. */
export function planPayload(plan: Plan): PlanEventPayload {
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

/** The first step not yet done, in plan order; null when every step is done. */
export function nextStep(plan: Plan, doneStepIds: Iterable<string>): PlanStep | null {
  const done = new Set(doneStepIds);
  for (const hop of plan.hops)
    for (const phase of hop.phases)
      for (const step of phase.steps) if (!done.has(step.id)) return step;
  return null;
}
