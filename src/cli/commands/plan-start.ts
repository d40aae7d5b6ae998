import type { Plan } from "../../plan/index.js";
import type { Ctx } from "../context.js";

/** Replaced when plan events land: creates the journal driven by the plan. */
export function startFromPlan(_plan: Plan, _ctx: Ctx): { id: string; title: string } | null {
  return null;
}
