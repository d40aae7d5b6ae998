import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultDataDir } from "./data-dir.js";
import { platformTables } from "./platform-data.js";
import { seriesFromList } from "./series-status.js";
import type { ConstraintRule, PlanTool, ReleaseFacts, Source, ToolFacts } from "./types.js";
import { PLAN_TOOLS } from "./types.js";
import { isRecord, parseYaml11 } from "./yaml-values.js";

const cache = new Map<string, ReleaseFacts>();

/** The release fact tables under `dataDir` (default: the repository's data/releases). */
export function releases(opts: { dataDir?: string } = {}): ReleaseFacts {
  const dir = opts.dataDir ?? defaultDataDir();
  const hit = cache.get(dir);
  if (hit) return hit;
  const facts = loadFacts(dir);
  cache.set(dir, facts);
  return facts;
}

function read(dir: string, name: string): Record<string, unknown> {
  const doc = parseYaml11(readFileSync(join(dir, name), "utf8"));
  if (!isRecord(doc)) throw new Error(`${join(dir, name)}: expected a mapping at the top`);
  return doc;
}

function loadFacts(dir: string): ReleaseFacts {
  const seriesDoc = read(dir, "series.yaml");
  const toolsDoc = read(dir, "tools.yaml");
  const platformsDoc = read(dir, "platforms.yaml");
  const constraintsDoc = read(dir, "constraints.yaml");
  const rawTools = toolsDoc.tools as Record<PlanTool, Record<string, unknown>>;
  const tools = Object.fromEntries(PLAN_TOOLS.map((t) => [t, toolFacts(rawTools[t])])) as Record<
    PlanTool,
    ToolFacts
  >;
  const released = Object.fromEntries(
    PLAN_TOOLS.map((t) => [t, Object.keys(tools[t].versions)]),
  ) as Record<PlanTool, string[]>;
  return {
    series: seriesFromList(seriesDoc.series),
    seriesSource: seriesDoc.source as Source,
    tools,
    platforms: platformTables(platformsDoc, join(dir, "platforms.yaml"), released),
    constraints: (constraintsDoc.constraints as Record<string, unknown>[]).map(constraintRule),
  };
}

function toolFacts(raw: Record<string, unknown> | undefined): ToolFacts {
  if (!raw) throw new Error("tools.yaml: a tool is missing");
  const slurp = raw.slurp as { supported: boolean; since: unknown; source: Source };
  return {
    versions: raw.versions as Record<string, number>,
    slurp: { supported: slurp.supported, since: String(slurp.since), source: slurp.source },
    source: raw.source as Source,
  };
}

function constraintRule(raw: Record<string, unknown>): ConstraintRule {
  return {
    id: String(raw.id),
    kind: raw.kind as ConstraintRule["kind"],
    tools: raw.tools as PlanTool[],
    ...(raw.crosses !== undefined ? { crosses: String(raw.crosses) } : {}),
    ...(raw["slurp-only"] === true ? { slurpOnly: true } : {}),
    ...(isRecord(raw.when) ? { when: raw.when } : {}),
    severity: raw.severity as ConstraintRule["severity"],
    text: String(raw.text).trim(),
    source: raw.source as Source,
  };
}
