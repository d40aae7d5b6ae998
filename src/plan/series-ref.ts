import { fail } from "../errors/index.js";
import type { PlanTool, ReleaseFacts, Series } from "./types.js";

/**
 * Resolves what an operator typed — a series name (zed), number (2023.1) or, with a tool, a tool
 * version (16, 16.x, 16.2.0) — to a series. Throws UnknownSeries.
 */
export function resolveSeries(input: string, facts: ReleaseFacts, tool?: PlanTool): Series {
  const key = input.trim().toLowerCase();
  const byName = facts.series.find((s) => s.name === key || s.id === key);
  if (byName) return byName;
  const major = /^(\d{1,3})(?:\.(?:\d+|x))*$/.exec(key);
  if (major && tool) {
    const n = Number(major[1]);
    const entry = Object.entries(facts.tools[tool].versions).find(([, v]) => v === n);
    const series = entry && facts.series.find((s) => s.name === entry[0]);
    if (series) return series;
  }
  throw fail("UnknownSeries", input, facts.series.map((s) => `${s.name} ${s.id}`).join(", "));
}
