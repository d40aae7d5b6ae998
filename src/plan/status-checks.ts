import type { HopContext, StepSpec } from "./procedure-kit.js";

/** Services whose `<service>-status upgrade check` exists (oslo.upgradecheck). */
const STATUS_TOOLS = [
  "nova",
  "placement",
  "neutron",
  "keystone",
  "cinder",
  "glance",
  "designate",
  "octavia",
  "ironic",
  "heat",
];

/** The enabled services that ship an upgrade-check command (all of them when unknown). */
export function statusServices(ctx: HopContext): string[] {
  const enabled = ctx.deployment.enabledServices;
  return enabled
    ? STATUS_TOOLS.filter((s) => enabled.includes(s))
    : ["nova", "placement", "neutron", "keystone"];
}

/** The upgrade-check step, with a command per service run inside its container or venv. */
export function statusCheckStep(
  ctx: HopContext,
  wrap: (service: string, command: string) => string,
): StepSpec {
  return {
    slug: "status-checks",
    kind: "precheck",
    title: "Run the services' upgrade checks",
    commands: statusServices(ctx).map((s) => wrap(s, `${s}-status upgrade check --json`)),
    why:
      "Each service's upgrade check looks for data and configuration its next release cannot handle " +
      "(policy files in JSON, missing cell mappings, unconverted roles). Exit 0 is clean, 1 a warning, " +
      "2 a failure that must be fixed first, 255 a crash of the check itself; stacklog records each result.",
    risks: [
      "Run from today's containers they use today's checks; the target release's checks are stricter (kolla-ansible runs nova's target check itself during upgrade).",
      "A check that cannot reach the database exits 255: that says nothing about readiness.",
    ],
    concepts: ["oslo-upgradecheck", "expand-migrate-contract"],
  };
}

const KOLLA_CONTAINERS: Record<string, string> = {
  keystone: "keystone",
  neutron: "neutron_server",
};

/** The Kolla container that carries a service's status command (nova → nova_api). */
export function kollaContainer(service: string): string {
  return KOLLA_CONTAINERS[service] ?? `${service}_api`;
}
