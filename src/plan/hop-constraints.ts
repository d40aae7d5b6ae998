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

function platformConstraints(
  tool: PlanTool,
  leg: PathLeg,
  facts: ReleaseFacts,
  d?: DeploymentFacts,
): Constraint[] {
  const table = facts.platforms[tool];
  const target = table[leg.to.name];
  const source = target?.sources[0] ?? facts.tools[tool].source;
  if (!target) {
    return [
      {
        id: `${leg.to.id}-platform-unknown`,
        kind: "host-os",
        severity: "advice",
        source,
        text: `stacklog has not collected ${tool}'s supported host OS, Python and ansible-core for ${leg.to.name}; check the tool's documentation for ${leg.to.id}.`,
      },
    ];
  }
  const conf = target.sources[1] ?? source;
  const out: Constraint[] = [];
  if (target.os)
    out.push(
      osConstraint(leg, target.os, target.osLater, table[leg.from.name]?.os ?? null, source, d),
    );
  if (target.python)
    out.push({
      id: `${leg.to.id}-python`,
      kind: "python",
      severity: "required",
      source: conf,
      text: `The deploy host needs Python ${target.python} or later to run the ${leg.to.id} playbooks (${tool} ${facts.tools[tool].versions[leg.to.name]}.x).`,
    });
  if (target.ansibleCore)
    out.push({
      id: `${leg.to.id}-ansible-core`,
      kind: "ansible-core",
      severity: "required",
      source: conf,
      text: `The ${leg.to.id} playbooks support ansible-core ${target.ansibleCore[0]} to ${target.ansibleCore[1]}; install a version in that range in the deploy environment before running them.`,
    });
  return out;
}

function osConstraint(
  leg: PathLeg,
  os: string[],
  later: string[],
  before: string[] | null,
  source: Constraint["source"],
  d?: DeploymentFacts,
): Constraint {
  const dropped = before ? before.filter((o) => !os.includes(o)) : [];
  const host =
    d?.baseDistro && d.baseDistroVersion
      ? `${d.baseDistro.toLowerCase()}-${d.baseDistroVersion}`
      : null;
  const blocked = host !== null && !os.includes(host);
  const parts = [`${leg.to.id} supports these hosts: ${os.join(", ")}.`];
  if (later.length) parts.push(`Later point releases of ${leg.to.id} add ${later.join(", ")}.`);
  if (dropped.length) parts.push(`Dropped since ${leg.from.id}: ${dropped.join(", ")}.`);
  if (host)
    parts.push(
      blocked
        ? `This deployment's hosts (${host}) must move to a supported OS before this hop.`
        : `This deployment's hosts (${host}) are supported.`,
    );
  return {
    id: `${leg.to.id}-host-os`,
    kind: "host-os",
    severity: blocked ? "blocker" : dropped.length ? "required" : "advice",
    text: parts.join(" "),
    source,
  };
}
