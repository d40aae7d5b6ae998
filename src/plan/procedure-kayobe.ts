import { type HopContext, makeStep, phasesOf, type StepSpec } from "./procedure-kit.js";
import { rabbitmqSpecs } from "./procedure-rabbitmq.js";
import { kollaContainer, statusCheckStep } from "./status-checks.js";
import type { PlanPhase } from "./types.js";

const P = "kb";

/** The Kayobe procedure for one hop, following kayobe's upgrading.rst. */
export function kayobeHop(ctx: HopContext): PlanPhase[] {
  const kolla = (a: string) => `kayobe kolla ansible run "${a}"`;
  const specs: StepSpec[] = [
    {
      slug: "read-notes",
      kind: "read",
      title: "Read the Kayobe and Kolla Ansible release notes",
      commands: [ctx.leg.to, ...ctx.leg.skipped].map(
        (s) => `xdg-open https://docs.openstack.org/releasenotes/kayobe/${s.id}.html`,
      ),
      why: "Kayobe's notes add host-level changes (networking, images, OS) to kolla-ansible's; skipped releases count on a SLURP hop.",
      risks: ["Kayobe configuration variables get renamed between series."],
      concepts: ["kayobe", "slurp", "release-notes"],
    },
    {
      slug: "merge-config",
      kind: "prepare",
      title: `Merge kayobe-config for ${ctx.leg.to.id}`,
      commands: [
        `git -C $KAYOBE_CONFIG_PATH/../.. tag before-${ctx.leg.to.id}`,
        `git -C $KAYOBE_CONFIG_PATH/../.. merge <upstream ${ctx.leg.to.id} branch>`,
        `kayobe configuration dump > /tmp/kayobe-dump-${ctx.leg.to.id}.json`,
      ],
      why: "kayobe-config is the whole deployment; a tag gives the way back and the dump shows the merged variables.",
      risks: ["Merge conflicts in kolla/globals.yml are easy to resolve wrongly; diff the dump."],
      concepts: ["kayobe", "ansible-inventory"],
    },
    {
      slug: "upgrade-tool",
      kind: "prepare",
      title: `Install kayobe ${ctx.toVersion}.x`,
      commands: [
        `pip install --upgrade 'kayobe>=${ctx.toVersion},<${ctx.toVersion + 1}'`,
        "kayobe control host upgrade",
      ],
      why: "The control host upgrade rebuilds the Kolla Ansible virtualenv and Galaxy roles for the target.",
      risks: ["An old virtualenv from another Python may not work: recreate it."],
      concepts: ["kayobe"],
    },
    {
      slug: "backup-database",
      kind: "backup",
      title: "Back up the overcloud databases",
      commands: ["kayobe overcloud database backup"],
      why: "Database migrations are one way; the backup is the way back.",
      risks: ["Needs Mariabackup enabled; check space."],
      concepts: ["galera", "expand-migrate-contract"],
    },
    {
      slug: "seed-upgrade",
      kind: "prepare",
      title: "Upgrade the seed hypervisor and seed",
      commands: [
        "kayobe seed hypervisor host package update --packages '*'",
        "kayobe seed hypervisor host upgrade",
        "kayobe seed host package update --packages '*'",
        "kayobe seed host upgrade",
        "kayobe seed service upgrade",
      ],
      why: "The seed runs Bifrost, which provisions the overcloud hosts; it moves first so it can build target images.",
      risks: ["A seed outage stops provisioning, not the cloud."],
      concepts: ["kayobe", "ironic"],
    },
    {
      slug: "host-upgrade",
      kind: "prepare",
      title: "Update overcloud host packages and host configuration",
      commands: [
        "kayobe overcloud host package update --packages '*'",
        "kayobe overcloud host upgrade",
        "kayobe overcloud container image pull",
      ],
      why: "Host packages, Docker and the host configuration must match what the target containers expect.",
      risks: [
        "A Docker restart restarts containers, including Ceph before Squid: do storage hosts one by one.",
      ],
      concepts: ["kolla", "ceph"],
    },
    ...rabbitmqSpecs(ctx, kolla),
    {
      slug: "config-diff",
      kind: "precheck",
      title: "Preview the generated configuration",
      commands: [
        "kayobe overcloud service configuration save --output-dir ~/kolla-diff/old",
        "kayobe overcloud service configuration generate --node-config-dir /tmp/kolla",
        "kayobe overcloud service configuration save --output-dir ~/kolla-diff/new --node-config-dir /tmp/kolla",
        "diff -ru ~/kolla-diff/old ~/kolla-diff/new",
      ],
      why: "Shows every change the upgrade will write into service configuration before anything restarts.",
      risks: ["The diff holds secrets: keep it off shared disks."],
      concepts: ["kolla", "kayobe"],
    },
    {
      slug: "prechecks",
      kind: "precheck",
      title: "Run the overcloud prechecks",
      commands: ["kayobe overcloud service prechecks"],
      why: "Kolla Ansible's prechecks through Kayobe, against the target playbooks.",
      risks: ["Nothing changes here; fix what fails."],
      concepts: ["kolla-ansible", "kayobe"],
    },
    statusCheckStep(
      ctx,
      (s, cmd) =>
        `kayobe overcloud host command run --limit controllers[0] --command "docker exec ${kollaContainer(s)} ${cmd}"`,
    ),
    {
      slug: "upgrade",
      kind: "upgrade",
      title: "Upgrade the overcloud services",
      commands: ["kayobe overcloud service upgrade"],
      why: "Runs kolla-ansible upgrade: new containers and database migrations for every service.",
      risks: [
        "Running with --tags is not tested upstream.",
        "Ironic nodes in wait states stop the ironic upgrade.",
      ],
      concepts: ["kolla", "expand-migrate-contract", "ansible-tags"],
      pointOfNoReturn:
        "Before this, reverting kayobe-config to its tag and the old kayobe leaves the services as they were (hosts keep updated packages). After migrations run, only the database backup takes you back.",
    },
    {
      slug: "verify",
      kind: "verify",
      title: "Check services, agents and bare-metal nodes",
      commands: [
        "openstack compute service list",
        "openstack network agent list",
        "openstack baremetal node list",
      ],
      why: "Confirms every agent reports and no node dropped into maintenance.",
      risks: ["Agents need a minute to report."],
      concepts: ["ironic", "microversions"],
    },
  ];
  return phasesOf(
    P,
    ctx,
    specs.map((s) => makeStep(P, ctx, s)),
  );
}
