import { fail } from "../errors/index.js";
import { hopConstraints } from "./hop-constraints.js";
import { kayobeHop } from "./procedure-kayobe.js";
import type { HopContext } from "./procedure-kit.js";
import { kollaAnsibleHop } from "./procedure-kolla-ansible.js";
import { openstackAnsibleHop } from "./procedure-openstack-ansible.js";
import { releases } from "./release-data.js";
import { resolveSeries } from "./series-ref.js";
import type { DeploymentFacts, Hop, Plan, PlanPhase, PlanTool, ReleaseFacts } from "./types.js";
import { PLAN_TOOLS } from "./types.js";
import { upgradePath } from "./upgrade-path.js";

export interface PlanRequest {
  tool: PlanTool | string;
  /** A series name, number, or a version of `tool`. */
  from: string;
  to: string;
  config?: DeploymentFacts;
  facts?: ReleaseFacts;
}

const BUILDERS: Record<PlanTool, (ctx: HopContext) => PlanPhase[]> = {
  "kolla-ansible": kollaAnsibleHop,
  kayobe: kayobeHop,
  "openstack-ansible": openstackAnsibleHop,
};

/** Plans an upgrade: the hops, the constraints gating each, and the procedure per hop. */
export function planUpgrade(req: PlanRequest): Plan {
  const tool = PLAN_TOOLS.find((t) => t === req.tool);
  if (!tool) throw fail("UnknownPlanTool", req.tool);
  const facts = req.facts ?? releases();
  const from = resolveSeries(req.from, facts, tool);
  const to = resolveSeries(req.to, facts, tool);
  const { legs, notes } = upgradePath(tool, from, to, facts);
  const deployment = req.config ?? {};
  const hops: Hop[] = legs.map((leg) => {
    const constraints = hopConstraints(tool, leg, facts, req.config);
    const versions = facts.tools[tool].versions;
    const ctx: HopContext = {
      leg,
      constraints,
      deployment,
      fromVersion: versions[leg.from.name] as number,
      toVersion: versions[leg.to.name] as number,
      ansible: facts.platforms[tool][leg.to.name]?.ansible ?? null,
    };
    return {
      ...leg,
      toolVersion: { from: ctx.fromVersion, to: ctx.toVersion },
      constraints,
      phases: BUILDERS[tool](ctx),
    };
  });
  return { tool, from, to, hops, notes };
}
