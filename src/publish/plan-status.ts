import type {
  CommandPayload,
  JournalEvent,
  PlanEventPayload,
  StepPayload,
} from "../journal/index.js";

/** A step of the stored plan. */
export type PlannedStep = PlanEventPayload["phases"][number]["steps"][number];

/** Where one planned step stands. */
export interface StepStatus {
  state: "done" | "skipped" | "pending";
  /** The text of the last `skipped` mark. */
  reason: string | null;
  /** Commands run for this step (`run --step`), in order. */
  commands: JournalEvent<CommandPayload>[];
  /** The step's `step` events. */
  marks: JournalEvent<StepPayload>[];
  /** Carried out by more than one command. */
  repeated: boolean;
}

/** The journal's plan against what was done. */
export interface PlanStatus {
  plan: JournalEvent<PlanEventPayload>;
  steps: Map<string, StepStatus>;
  /** Commands run for no step of the plan. */
  unplanned: JournalEvent<CommandPayload>[];
}

function stateOf(
  commands: StepStatus["commands"],
  marks: StepStatus["marks"],
): StepStatus["state"] {
  if (marks.some((m) => m.payload.state === "done")) return "done";
  if (commands.some((c) => c.payload.exitStatus === 0)) return "done";
  return marks.length > 0 ? "skipped" : "pending";
}

/**
 * Compares the journal's (first) plan with its `step` events and step-tagged commands: a step
 * is done when marked done or carried out by a successful command, skipped when marked so.
 * Null when the journal follows no plan.
 */
export function planStatus(events: readonly JournalEvent[]): PlanStatus | null {
  const plan = events.find((e) => e.payload.kind === "plan") as
    | JournalEvent<PlanEventPayload>
    | undefined;
  if (!plan) return null;
  const planned = new Set(plan.payload.phases.flatMap((p) => p.steps.map((s) => s.id)));
  const commands = new Map<string, JournalEvent<CommandPayload>[]>();
  const marks = new Map<string, JournalEvent<StepPayload>[]>();
  const unplanned: JournalEvent<CommandPayload>[] = [];
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => m.set(k, [...(m.get(k) ?? []), v]);
  for (const e of events) {
    const p = e.payload;
    if (p.kind === "step") push(marks, p.step, e as JournalEvent<StepPayload>);
    if (p.kind !== "command") continue;
    if (p.step && planned.has(p.step)) push(commands, p.step, e as JournalEvent<CommandPayload>);
    else unplanned.push(e as JournalEvent<CommandPayload>);
  }
  const steps = new Map<string, StepStatus>();
  for (const id of planned) {
    const c = commands.get(id) ?? [];
    const m = marks.get(id) ?? [];
    const skip = m.filter((x) => x.payload.state === "skipped").at(-1);
    steps.set(id, {
      state: stateOf(c, m),
      reason: skip?.payload.text ?? null,
      commands: c,
      marks: m,
      repeated: c.length > 1,
    });
  }
  return { plan, steps, unplanned };
}

/** Step concepts (glossary ids) when the stored step carries them; older plans do not. */
export function conceptsOf(step: PlannedStep): string[] {
  const c = (step as { concepts?: unknown }).concepts;
  return Array.isArray(c) ? c.filter((x): x is string => typeof x === "string") : [];
}
