import { ansibleRange } from "./platform-constraints.js";
import type { PlanTool, PlatformFact, PlatformFacts, ReleaseFacts, Source } from "./types.js";
import { PLAN_TOOLS, PLATFORM_FACTS } from "./types.js";

const UNKNOWN = "not collected";

/**
 * The host platform tables for a terminal: per tool one line per series (minimum Python, the
 * Ansible it runs with and its install line, host OSes) and the sources behind each fact.
 */
export function renderPlatformsText(facts: ReleaseFacts): string {
  const out = [
    "Host platforms: hosts at the x.0.0 tag, +added by later point releases, ~experimental",
  ];
  for (const tool of PLAN_TOOLS) out.push("", ...toolLines(tool, facts));
  return `${out.join("\n")}\n`;
}

function toolLines(tool: PlanTool, facts: ReleaseFacts): string[] {
  const table = facts.platforms[tool];
  const rows = facts.series.filter((s) => table[s.name]);
  if (rows.length === 0) return [`${tool}: ${UNKNOWN}`];
  const cells = rows.map((s) => {
    const p = table[s.name] as PlatformFacts;
    return [s.name, s.id, p.python ?? UNKNOWN, ansibleCell(p), hostsCell(p)];
  });
  const head = ["series", "id", "python", "ansible", "hosts"];
  const widths = head.map((_, i) => Math.max(...[head, ...cells].map((c) => (c[i] ?? "").length)));
  const line = (c: string[]) =>
    `  ${c.map((v, i) => (i < 4 ? v.padEnd((widths[i] ?? 0) + 2) : v)).join("")}`.trimEnd();
  return [
    `${tool}`,
    ...[head, ...cells].map(line),
    ...sourceLines(rows.map((s) => table[s.name] as PlatformFacts)),
  ];
}

function ansibleCell(p: PlatformFacts): string {
  if (!p.ansible) return UNKNOWN;
  const range = ansibleRange(p.ansible);
  return p.ansible.install ? `${range} (${p.ansible.install})` : range;
}

function hostsCell(p: PlatformFacts): string {
  if (!p.os) return UNKNOWN;
  return [...p.os, ...p.osLater.map((o) => `+${o}`), ...p.osExperimental.map((o) => `~${o}`)].join(
    " ",
  );
}

/** Each source once, with the facts it backs. */
function sourceLines(entries: PlatformFacts[]): string[] {
  const backs = new Map<string, { source: Source; facts: Set<PlatformFact> }>();
  for (const p of entries)
    for (const fact of PLATFORM_FACTS)
      for (const source of p.sources[fact] ?? []) {
        const hit = backs.get(source.url + source.title) ?? { source, facts: new Set() };
        hit.facts.add(fact);
        backs.set(source.url + source.title, hit);
      }
  return [
    "  sources:",
    ...[...backs.values()].map(
      ({ source, facts }) => `    ${[...facts].join(", ")}: ${source.title} <${source.url}>`,
    ),
  ];
}
