import { readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultDataDir } from "./data-dir.js";
import { seriesFromList } from "./series-status.js";
import type {
  ConstraintRule,
  PlanTool,
  PlatformFacts,
  ReleaseFacts,
  Source,
  ToolFacts,
} from "./types.js";
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
  const tools = toolsDoc.tools as Record<PlanTool, Record<string, unknown>>;
  return {
    series: seriesFromList(seriesDoc.series),
    seriesSource: seriesDoc.source as Source,
    tools: Object.fromEntries(PLAN_TOOLS.map((t) => [t, toolFacts(tools[t])])) as Record<
      PlanTool,
      ToolFacts
    >,
    platforms: platformTables(platformsDoc),
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

function platformTables(doc: Record<string, unknown>): ReleaseFacts["platforms"] {
  const sources = doc.sources as Record<string, Source>;
  const ka = platformsOf(doc["kolla-ansible"], [sources["ka-matrix"], sources["ka-conf"]]);
  const kayobeRule = doc.kayobe as { "drop-os-families"?: string[] };
  const drop = kayobeRule["drop-os-families"] ?? [];
  const kayobe = Object.fromEntries(
    Object.entries(ka).map(([series, p]) => [series, dropFamilies(p, drop, sources["kayobe-os"])]),
  );
  const osa = platformsOf(doc["openstack-ansible"], []);
  return { "kolla-ansible": ka, kayobe, "openstack-ansible": osa };
}

function platformsOf(raw: unknown, sources: (Source | undefined)[]): Record<string, PlatformFacts> {
  if (!isRecord(raw)) return {};
  const known = sources.filter((s): s is Source => s !== undefined);
  return Object.fromEntries(
    Object.entries(raw).map(([series, v]) => {
      const p = isRecord(v) ? v : {};
      const core = p["ansible-core"];
      return [
        series,
        {
          os: Array.isArray(p.os) ? p.os.map(String) : null,
          osLater: Array.isArray(p.later) ? p.later.map(String) : [],
          python: typeof p.python === "string" ? p.python : null,
          ansibleCore: Array.isArray(core) ? [String(core[0]), String(core[1])] : null,
          sources: known,
        },
      ];
    }),
  );
}

function dropFamilies(p: PlatformFacts, drop: string[], source: Source | undefined): PlatformFacts {
  const keep = (os: string) => !drop.some((f) => os.startsWith(`${f}-`));
  return {
    ...p,
    os: p.os ? p.os.filter(keep) : null,
    osLater: p.osLater.filter(keep),
    sources: source ? [...p.sources, source] : p.sources,
  };
}
