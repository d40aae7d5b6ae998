import type { JournalEvent, PlanEventPayload } from "../journal/index.js";

type PlannedStep = PlanEventPayload["phases"][number]["steps"][number];

/** Where a journal stands against its plan: plan versus actual. */
export interface PlanProgress {
  plan: { tool: string; from: string; to: string };
  next: (PlannedStep & { phase: string }) | null;
  done: string[];
  skipped: string[];
  /** Steps carried out by more than one command. */
  repeated: string[];
  /** Commands run for no planned step. */
  added: number;
  total: number;
}

/** Compares the journal's plan event with its step events and step-tagged commands. */
export function planProgress(events: JournalEvent[]): PlanProgress | null {
  const planEvent = events.find((e) => e.payload.kind === "plan");
  if (planEvent?.payload.kind !== "plan") return null;
  const plan = planEvent.payload;
  const done = new Set<string>();
  const skipped = new Set<string>();
  const runs = new Map<string, number>();
  let added = 0;
  for (const e of events) {
    const p = e.payload;
    if (p.kind === "step") (p.state === "done" ? done : skipped).add(p.step);
    if (p.kind === "command") {
      if (p.step) {
        runs.set(p.step, (runs.get(p.step) ?? 0) + 1);
        if (p.exitStatus === 0) done.add(p.step);
      } else added++;
    }
  }
  const steps = plan.phases.flatMap((ph) => ph.steps.map((s) => ({ ...s, phase: ph.title })));
  const next = steps.find((s) => !done.has(s.id) && !skipped.has(s.id)) ?? null;
  return {
    plan: { tool: plan.tool, from: plan.from, to: plan.to },
    next,
    done: [...done],
    skipped: [...skipped],
    repeated: [...runs].filter(([, n]) => n > 1).map(([id]) => id),
    added,
    total: steps.length,
  };
}
