import { platformConstraints } from "./platform-constraints.js";
import { compareIds } from "./series-status.js";
import type {
  Constraint,
  ConstraintRule,
  DeploymentFacts,
  PlanTool,
  ReleaseFacts,
} from "./types.js";
import type { PathLeg } from "./upgrade-path.js";

/**
 * The facts that gate one hop: host OS, Python and ansible-core of the target from the platform
 * tables, then the catalogued rules that apply. Without deployment facts, conditional rules are
 * kept with their condition spelled out.
 */
export function hopConstraints(
  tool: PlanTool,
  leg: PathLeg,
  facts: ReleaseFacts,
  deployment?: DeploymentFacts,
): Constraint[] {
  const rules = facts.constraints
    .filter((r) => r.tools.includes(tool) && crosses(r, leg))
    .flatMap((r) => applied(r, deployment));
  return [...platformConstraints(tool, leg, facts, deployment), ...rules];
}

function crosses(rule: ConstraintRule, leg: PathLeg): boolean {
  if (rule.slurpOnly && leg.skipped.length === 0) return false;
  if (!rule.crosses) return true;
  return compareIds(leg.from.id, rule.crosses) < 0 && compareIds(leg.to.id, rule.crosses) >= 0;
}

function applied(rule: ConstraintRule, d?: DeploymentFacts): Constraint[] {
  const base: Constraint = {
    id: rule.id,
    kind: rule.kind,
    severity: rule.severity,
    text: rule.text,
    source: rule.source,
  };
  const w = rule.when;
  if (!w) return [base];
  const unknown: string[] = [];
  if (w.service !== undefined) {
    if (!d?.enabledServices) unknown.push(`if ${w.service} is enabled`);
    else if (!d.enabledServices.includes(w.service)) return [];
  }
  if (w.distro !== undefined) {
    if (!d?.baseDistro) unknown.push(`if hosts run ${w.distro}`);
    else if (d.baseDistro.toLowerCase() !== w.distro) return [];
  }
  if (w.quorumQueues !== undefined) {
    if (d?.rabbitmqQuorumQueues === undefined) unknown.push("if quorum queues are not enabled yet");
    else if (d.rabbitmqQuorumQueues !== w.quorumQueues) return [];
  }
  return [unknown.length ? { ...base, condition: unknown.join(" and ") } : base];
}
