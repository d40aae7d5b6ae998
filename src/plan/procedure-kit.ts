import type {
  AnsibleRequirement,
  Constraint,
  DeploymentFacts,
  PlanPhase,
  PlanStep,
  StepKind,
} from "./types.js";
import type { PathLeg } from "./upgrade-path.js";

/** What a tool's procedure builder gets for one hop. */
export interface HopContext {
  leg: PathLeg;
  constraints: Constraint[];
  deployment: DeploymentFacts;
  fromVersion: number;
  toVersion: number;
  /** The target's Ansible, from the platform tables; null when not collected. */
  ansible: AnsibleRequirement | null;
}

/** Step fields a builder writes; the id is made from the tool prefix, target series and slug. */
export type StepSpec = Omit<PlanStep, "id"> & { slug: string };

/** Builds a step with its stable id, e.g. `ka-2024.1-backup-config`. */
export function makeStep(prefix: string, ctx: HopContext, spec: StepSpec): PlanStep {
  const { slug, ...rest } = spec;
  return { id: `${prefix}-${ctx.leg.to.id}-${slug}`, ...rest };
}

/** Groups steps into the four phases every hop has, dropping empty ones. */
export function phasesOf(prefix: string, ctx: HopContext, steps: PlanStep[]): PlanPhase[] {
  const hop = `${ctx.leg.from.id} → ${ctx.leg.to.id}`;
  const groups: [string, string, StepKind[]][] = [
    ["prepare", "prepare", ["read", "backup", "prepare"]],
    ["prechecks", "prechecks", ["precheck"]],
    ["upgrade", "upgrade", ["upgrade"]],
    ["verify", "verify", ["verify"]],
  ];
  return groups
    .map(([slug, title, kinds]) => ({
      id: `${prefix}-${ctx.leg.to.id}-${slug}`,
      title: `${hop}: ${title}`,
      steps: steps.filter((s) => kinds.includes(s.kind)),
    }))
    .filter((p) => p.steps.length > 0);
}

/** True when a constraint with this id gates the hop. */
export function has(ctx: HopContext, id: string): boolean {
  return ctx.constraints.some((c) => c.id === id);
}

/** The branch a series lives on once released (stable/<id>, older ones stable/<name>). */
export function branchOf(ctx: HopContext): string {
  return ctx.leg.to.idDerived ? `stable/${ctx.leg.to.name}` : `stable/${ctx.leg.to.id}`;
}

export function inventory(ctx: HopContext): string {
  return ctx.deployment.inventory ?? "/etc/kolla/multinode";
}
