import { type HopContext, inventory, makeStep, phasesOf, type StepSpec } from "./procedure-kit.js";
import { rabbitmqSpecs } from "./procedure-rabbitmq.js";
import { compareIds } from "./series-status.js";
import { kollaContainer, statusCheckStep } from "./status-checks.js";
import type { PlanPhase } from "./types.js";

const P = "ka";

/** The kolla-ansible procedure for one hop, following operating-kolla.rst's upgrade section. */
export function kollaAnsibleHop(ctx: HopContext): PlanPhase[] {
  const specs = [
    ...kollaPrepare(ctx),
    ...kollaPrechecks(ctx),
    ...kollaUpgrade(ctx),
    ...kollaVerify(ctx),
  ];
  return phasesOf(
    P,
    ctx,
    specs.map((s) => makeStep(P, ctx, s)),
  );
}

function kollaPrepare(ctx: HopContext): StepSpec[] {
  const ka = (a: string) => `kolla-ansible -i ${inventory(ctx)} ${a}`;
  const v = ctx.toVersion;
  const out: StepSpec[] = [
    {
      slug: "read-notes",
      kind: "read",
      title: "Read the release notes of every series on this hop",
      commands: [
        `xdg-open https://docs.openstack.org/releasenotes/kolla-ansible/${ctx.leg.to.id}.html`,
        ...ctx.leg.skipped.map(
          (s) => `xdg-open https://docs.openstack.org/releasenotes/kolla-ansible/${s.id}.html`,
        ),
      ],
      why: "Upgrade notes name the variables that changed meaning and the services that went away; on a SLURP hop the skipped release's notes apply too.",
      risks: [
        "Skipping the skipped release's notes is the most common way to miss a removed option.",
      ],
      concepts: ["slurp", "release-notes"],
    },
    {
      slug: "backup-config",
      kind: "backup",
      title: "Save /etc/kolla",
      commands: [
        `cp -a /etc/kolla /etc/kolla.before-${ctx.leg.to.id}`,
        `git -C /etc/kolla commit -am 'before upgrade to ${ctx.leg.to.id}' # when kept in git`,
      ],
      why: "globals.yml, passwords.yml and the overrides are the deployment; going back starts from them.",
      risks: ["passwords.yml holds every secret: keep the copy as private as the original."],
      concepts: ["kolla-ansible"],
    },
    {
      slug: "backup-database",
      kind: "backup",
      title: "Back up the MariaDB databases",
      commands: [ka("mariadb-backup")],
      why: "The upgrade runs schema migrations that have no downgrade; a full backup is the only way back.",
      risks: [
        "Needs enable_mariabackup: true; check the backup volume has room.",
        "A backup taken while services write is only as consistent as Mariabackup makes it.",
      ],
      concepts: ["galera", "expand-migrate-contract"],
    },
    {
      slug: "upgrade-tool",
      kind: "prepare",
      title: `Install kolla-ansible ${v}.x`,
      commands: [
        `pip install --upgrade 'kolla-ansible>=${v},<${v + 1}'`,
        ...installAnsible(ctx),
        // install-deps arrived in kolla-ansible 14.0.0 (Yoga); tools/kolla-ansible at 13.0.0 has none.
        ...(v >= 14 ? ["kolla-ansible install-deps"] : []),
      ],
      why: `The playbooks and the image tags of the target come with the tool${v >= 14 ? "; its Ansible collections come from install-deps" : ""}.`,
      risks: [
        "An Ansible outside the supported range fails in odd places; install it in the same virtualenv.",
      ],
      concepts: ["kolla-ansible", "ansible-inventory"],
    },
    {
      slug: "merge-config",
      kind: "prepare",
      title: "Merge the inventory, globals.yml and passwords",
      commands: [
        `diff -u ${inventory(ctx)} $VIRTUAL_ENV/share/kolla-ansible/ansible/inventory/multinode`,
        "kolla-genpwd -p /etc/kolla/passwords.yml.new  # from a copy of the new sample",
        "kolla-mergepwd --old /etc/kolla/passwords.yml --new /etc/kolla/passwords.yml.new --final /etc/kolla/passwords.yml",
      ],
      why: "New services need new inventory groups and new passwords; without them the upgrade stops half way.",
      risks: ["A group missing from an old inventory makes a role silently skip hosts."],
      concepts: ["ansible-inventory", "kolla-ansible"],
    },
    ...rabbitmqSpecs(ctx, ka),
    {
      slug: "pull-images",
      kind: "prepare",
      title: "Pull the target images",
      commands: [ka("pull")],
      why: "Pulling ahead shortens the window and shows registry problems before anything is stopped.",
      risks: ["Disk fills on hosts with many old images; prune first if tight."],
      concepts: ["kolla"],
    },
  ];
  return out;
}

function kollaPrechecks(ctx: HopContext): StepSpec[] {
  const ka = (a: string) => `kolla-ansible -i ${inventory(ctx)} ${a}`;
  const out: StepSpec[] = [];
  if (compareIds(ctx.leg.from.id, "2023.1") >= 0)
    out.push({
      slug: "validate-config",
      kind: "precheck",
      title: "Validate service configuration files",
      commands: [ka("validate-config")],
      why: "Finds unknown and deprecated options in the generated configuration, before the new release rejects them.",
      risks: [
        "It checks against the running images' options, not the target's: options removed in the target still pass.",
      ],
      concepts: ["kolla"],
    });
  out.push({
    slug: "prechecks",
    kind: "precheck",
    title: "Run kolla-ansible prechecks",
    commands: [ka("prechecks")],
    why: "Checks ports, variables, host state and incomplete migrations (for example quorum queues) against the target playbooks.",
    risks: ["Prechecks do not change anything; a failure here costs nothing but must be fixed."],
    concepts: ["kolla-ansible"],
  });
  out.push(statusCheckStep(ctx, (s, cmd) => `docker exec ${kollaContainer(s)} ${cmd}`));
  return out;
}

function kollaUpgrade(ctx: HopContext): StepSpec[] {
  return [
    {
      slug: "upgrade",
      kind: "upgrade",
      title: "Upgrade the control plane and computes",
      commands: [`kolla-ansible -i ${inventory(ctx)} upgrade`],
      why: "Recreates every container from the new images and runs each service's database migrations.",
      risks: [
        "Avoid --limit: the docs call it unsupported for upgrades.",
        "A failure part way leaves services on mixed releases; re-running upgrade is the way forward.",
      ],
      concepts: ["kolla", "expand-migrate-contract", "galera", "microversions"],
      pointOfNoReturn:
        "Before this step, restoring /etc/kolla and the old kolla-ansible leaves the cloud as it was. Once database migrations run, going back means restoring the database backup and redeploying the old images.",
    },
  ];
}

function kollaVerify(ctx: HopContext): StepSpec[] {
  return [
    {
      slug: "verify",
      kind: "verify",
      title: "Check the services and APIs",
      commands: [
        `kolla-ansible -i ${inventory(ctx)} check`,
        "openstack compute service list",
        "openstack network agent list",
        "openstack volume service list",
      ],
      why: "Confirms every container is healthy and every agent reports in before the window closes.",
      risks: ["Agents take a minute to report after restarts; wait before concluding one is down."],
      concepts: ["kolla", "microversions"],
    },
  ];
}

/** The release's own install line, else one derived from the ansible-core range. */
function installAnsible(ctx: HopContext): string[] {
  const a = ctx.ansible;
  if (a?.install) return [`pip install '${a.install}'`];
  if (a?.name === "ansible-core")
    return [`pip install 'ansible-core>=${a.min},<${nextMinor(a.max)}'`];
  return [];
}

function nextMinor(v: string): string {
  const [maj, min] = v.split(".").map(Number);
  return `${maj}.${(min ?? 0) + 1}`;
}
