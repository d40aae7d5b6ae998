import { fail } from "../errors/index.js";
import { compareIds } from "./series-status.js";
import type { PlanTool, ReleaseFacts, Series } from "./types.js";

/** One leg of an upgrade path before constraints and steps are attached. */
export interface PathLeg {
  from: Series;
  to: Series;
  skipped: Series[];
}

/**
 * The hops from `from` to `to` for `tool`: adjacent series, and SLURP → next SLURP jumps where
 * the tool supports them. Refuses same-series, downgrades and targets the tool never released.
 */
export function upgradePath(
  tool: PlanTool,
  from: Series,
  to: Series,
  facts: ReleaseFacts,
): { legs: PathLeg[]; notes: string[] } {
  const toolFacts = facts.tools[tool];
  if (from.id === to.id) throw fail("UpgradeSameSeries", `${from.name} (${from.id})`);
  if (compareIds(to.id, from.id) < 0) throw fail("DowngradeRefused", from.id, to.id);
  for (const s of [from, to]) {
    if (toolFacts.versions[s.name] === undefined)
      throw fail("ToolNeverReaches", tool, `${s.name} (${s.id})`, newest(tool, facts));
  }
  const order = facts.series;
  const legs: PathLeg[] = [];
  let i = order.findIndex((s) => s.id === from.id);
  const end = order.findIndex((s) => s.id === to.id);
  while (i < end) {
    const j = slurpTarget(i, end, tool, facts) ?? i + 1;
    legs.push({ from: order[i] as Series, to: order[j] as Series, skipped: order.slice(i + 1, j) });
    i = j;
  }
  return { legs, notes: pathNotes(tool, legs, facts) };
}

function slurpTarget(i: number, end: number, tool: PlanTool, facts: ReleaseFacts): number | null {
  const order = facts.series;
  const here = order[i] as Series;
  const slurp = facts.tools[tool].slurp;
  if (!slurp.supported || !here.slurp) return null;
  const j = order.findIndex((s, k) => k > i && s.slurp);
  if (j < 0 || j > end || j === i + 1) return null;
  return compareIds((order[j] as Series).id, slurp.since) >= 0 ? j : null;
}

function newest(tool: PlanTool, facts: ReleaseFacts): string {
  const names = Object.keys(facts.tools[tool].versions);
  const known = facts.series.filter((s) => names.includes(s.name));
  const last = known[known.length - 1];
  return last ? `${last.name} (${last.id})` : "none";
}

function pathNotes(tool: PlanTool, legs: PathLeg[], facts: ReleaseFacts): string[] {
  const slurp = facts.tools[tool].slurp;
  const notes: string[] = [];
  for (const leg of legs.filter((l) => l.skipped.length > 0)) {
    const skipped = leg.skipped.map((s) => `${s.name} (${s.id})`).join(", ");
    notes.push(
      `${leg.from.id} → ${leg.to.id} is a SLURP skip-level upgrade over ${skipped}; ${tool} supports it (${slurp.source.title}).`,
    );
  }
  const first = legs[0];
  if (first && !first.from.slurp && legs.length > 1 && compareIds(first.from.id, "2023.1") >= 0) {
    notes.push(
      `${first.from.name} (${first.from.id}) is not a SLURP release, so the path first goes to ${first.to.id}.`,
    );
  }
  if (!slurp.supported)
    notes.push(`${tool} does not support SLURP skip-level upgrades; every series is a hop.`);
  if (
    legs.some((l) => compareIds(l.from.id, "2023.1") < 0 && l.skipped.length === 0) &&
    legs.length > 1
  ) {
    notes.push("Series before 2023.1 have no SLURP flag: they are upgraded one series at a time.");
  }
  return notes;
}
