import { type HopContext, makeStep, phasesOf, type StepSpec } from "./procedure-kit.js";
import { statusCheckStep } from "./status-checks.js";
import type { PlanPhase } from "./types.js";

const P = "osa";

/** The OpenStack-Ansible procedure for one hop, following major-upgrades.rst and run-upgrade.sh. */
export function openstackAnsibleHop(ctx: HopContext): PlanPhase[] {
  const tag = `${ctx.toVersion}.x.y  # the newest ${ctx.toVersion}.x tag`;
  const specs: StepSpec[] = [
    {
      slug: "read-notes",
      kind: "read",
      title: "Read the OpenStack-Ansible release notes",
      commands: [ctx.leg.to, ...ctx.leg.skipped].map(
        (s) => `xdg-open https://docs.openstack.org/releasenotes/openstack-ansible/${s.id}.html`,
      ),
      why: "OSA's guide asks to read the skipped release's notes as well on a SLURP hop.",
      risks: ["Renamed user_variables go unnoticed otherwise."],
      concepts: ["openstack-ansible", "slurp", "release-notes"],
    },
    {
      slug: "backup-config",
      kind: "backup",
      title: "Archive /etc/openstack_deploy",
      commands: [
        `tar czf /openstack/backup-openstack-ansible-${ctx.leg.from.id}.tar.gz /etc/openstack_deploy /etc/ansible /usr/local/bin/openstack-ansible.rc`,
      ],
      why: "The configuration and secrets of the deployment; the way back starts there.",
      risks: ["The archive holds user_secrets.yml."],
      concepts: ["openstack-ansible"],
    },
    {
      slug: "backup-database",
      kind: "backup",
      title: "Dump the Galera databases",
      commands: [
        "ssh <galera container> 'mariadb-dump --all-databases --single-transaction > /var/backup/all-" +
          ctx.leg.from.id +
          ".sql'",
      ],
      why: "Migrations have no downgrade.",
      risks: ["Large databases take long: start early."],
      concepts: ["galera", "expand-migrate-contract"],
    },
    {
      slug: "checkout",
      kind: "prepare",
      title: `Check out OpenStack-Ansible ${ctx.toVersion}.x and bootstrap Ansible`,
      commands: [
        "cd /opt/openstack-ansible",
        "git fetch --all",
        `git checkout ${tag}`,
        "scripts/bootstrap-ansible.sh",
      ],
      why: "The target playbooks, roles and the matching Ansible come from this checkout.",
      risks: ["Local changes in the checkout are lost."],
      concepts: ["openstack-ansible", "ansible-inventory"],
    },
    {
      slug: "config-changes",
      kind: "prepare",
      title: "Apply the configuration migrations",
      commands: ["openstack-ansible openstack.osa.upgrade.deploy_config_changes"],
      why: "Adds new secrets, drops env.d overrides equal to the defaults, clears the fact cache.",
      risks: [
        "Stops when custom env.d files exist (SKIP_CUSTOM_ENVD_CHECK=true overrides it after review).",
      ],
      concepts: ["openstack-ansible"],
    },
    statusCheckStep(ctx, (s, cmd) => `lxc-attach -n <${s} api container> -- ${cmd}`),
    {
      slug: "setup-hosts",
      kind: "upgrade",
      title: "Upgrade the hosts and containers",
      commands: [
        "openstack-ansible openstack.osa.setup_hosts -e package_state=latest --limit '!galera_all:!rabbitmq_all'",
        "openstack-ansible openstack.osa.setup_hosts -e package_state=latest --limit 'galera_all:rabbitmq_all' -e lxc_container_allow_restarts=false",
      ],
      why: "Host packages and containers first; Galera and RabbitMQ are held back so they restart only in the next step.",
      risks: ["Container restarts cut service briefly."],
      concepts: ["ansible-inventory", "galera", "rabbitmq"],
    },
    {
      slug: "setup-infrastructure",
      kind: "upgrade",
      title: "Upgrade Galera, RabbitMQ and the other infrastructure",
      commands: [
        "openstack-ansible openstack.osa.setup_infrastructure -e galera_upgrade=true -e rabbitmq_upgrade=true -e package_state=latest",
        "openstack-ansible openstack.osa.tools.galera_cluster_rolling_restart",
      ],
      why: "Database and message queue move to the target versions with rolling restarts.",
      risks: ["A Galera node that does not rejoin leaves the cluster without quorum margin."],
      concepts: ["galera", "rabbitmq", "rabbitmq-quorum-queues"],
    },
    {
      slug: "setup-openstack",
      kind: "upgrade",
      title: "Upgrade the OpenStack services",
      commands: ["openstack-ansible openstack.osa.setup_openstack -e package_state=latest"],
      why: "Installs the target services and runs their database migrations.",
      risks: ["Failure part way leaves mixed releases; re-run the playbook."],
      concepts: ["expand-migrate-contract", "microversions"],
      pointOfNoReturn:
        "Until the services' migrations run, restoring the archive and the old checkout is enough. After them, only the database dump takes you back.",
    },
    {
      slug: "verify",
      kind: "verify",
      title: "Run the health checks",
      commands: [
        "openstack-ansible playbooks/healthcheck-hosts.yml",
        "openstack-ansible playbooks/healthcheck-infrastructure.yml",
        "openstack-ansible playbooks/healthcheck-openstack.yml",
      ],
      why: "OSA ships health-check playbooks that the upgrade script does not run; run them now.",
      risks: ["They need the utility container's credentials."],
      concepts: ["openstack-ansible"],
    },
  ];
  return phasesOf(
    P,
    ctx,
    specs.map((s) => makeStep(P, ctx, s)),
  );
}
