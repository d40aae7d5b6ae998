import type { Plan, PlanStep } from "./types.js";

/** A planned phase as `stacklog plan --start` writes it into a new journal. */
export interface PlannedPhase {
  id: string;
  title: string;
  steps: { id: string; title: string }[];
}

/**
 * What the lead stores about a plan in the journal (e.g. in a milestone or check event): enough
 * to show the path and tick steps off without recomputing it.
 */
export interface PlanPayload {
  tool: Plan["tool"];
  from: string;
  to: string;
  hops: { from: string; to: string; skipped: string[] }[];
  phases: PlannedPhase[];
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

/** The storable summary of a plan. */
export function planPayload(plan: Plan): PlanPayload {
  return {
    tool: plan.tool,
    from: plan.from.id,
    to: plan.to.id,
    hops: plan.hops.map((h) => ({
      from: h.from.id,
      to: h.to.id,
      skipped: h.skipped.map((s) => s.id),
    })),
    phases: planToJournalPhases(plan),
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
