/** A concept a procedure step relies on, explained for someone new to it. */
export interface GlossaryEntry {
  id: string;
  title: string;
  text: string;
  links: { title: string; url: string }[];
}

const D = "https://docs.openstack.org";

const ENTRIES: GlossaryEntry[] = [
  {
    id: "kolla",
    title: "Kolla containers",
    text: "Kolla builds one container image per OpenStack service. A deployment runs these images with Docker or Podman; upgrading means replacing containers with ones from newer images, so the host itself changes little.",
    links: [{ title: "Kolla documentation", url: `${D}/kolla/latest/` }],
  },
  {
    id: "kolla-ansible",
    title: "Kolla Ansible",
    text: "Ansible playbooks that deploy and upgrade Kolla containers. Its configuration lives in /etc/kolla: globals.yml for choices, passwords.yml for secrets, and per-service overrides. Each major version targets one OpenStack series.",
    links: [
      {
        title: "Operating Kolla (upgrades)",
        url: `${D}/kolla-ansible/latest/user/operating-kolla.html`,
      },
    ],
  },
  {
    id: "kayobe",
    title: "Kayobe",
    text: "Kayobe wraps Kolla Ansible and adds bare-metal provisioning of the hosts themselves, through a seed node running Bifrost. kayobe-config, usually a git repository, holds the whole deployment.",
    links: [{ title: "Kayobe upgrading guide", url: `${D}/kayobe/latest/upgrading.html` }],
  },
  {
    id: "openstack-ansible",
    title: "OpenStack-Ansible",
    text: "Ansible playbooks that install OpenStack services from source into LXC containers or on hosts. The deployment's configuration lives in /etc/openstack_deploy.",
    links: [
      {
        title: "Major upgrades",
        url: `${D}/openstack-ansible/latest/admin/upgrades/major-upgrades.html`,
      },
    ],
  },
  {
    id: "ansible-inventory",
    title: "Ansible inventory",
    text: "The list of hosts and the groups they belong to (control, compute, storage...). Playbooks pick hosts by group, so a group missing from an old inventory makes a role silently skip hosts.",
    links: [
      {
        title: "Ansible inventory guide",
        url: "https://docs.ansible.com/ansible/latest/inventory_guide/intro_inventory.html",
      },
    ],
  },
  {
    id: "ansible-tags",
    title: "Ansible tags and limits",
    text: "Tags select parts of a playbook (--tags rabbitmq) and --limit selects hosts. Both are handy for targeted work and risky for upgrades, whose playbooks assume they run whole.",
    links: [
      {
        title: "Ansible tags",
        url: "https://docs.ansible.com/ansible/latest/playbook_guide/playbooks_tags.html",
      },
    ],
  },
  {
    id: "galera",
    title: "Galera and MariaDB",
    text: "OpenStack services keep their state in MariaDB, usually a Galera cluster of three nodes replicating synchronously. A node that does not rejoin after a restart leaves the cluster without its margin; backups come from Mariabackup.",
    links: [{ title: "MariaDB Galera cluster", url: "https://mariadb.com/kb/en/galera-cluster/" }],
  },
  {
    id: "rabbitmq",
    title: "RabbitMQ",
    text: "The message queue OpenStack services use for RPC and notifications. RabbitMQ upgrades one minor version at a time, so long upgrade paths need intermediate RabbitMQ steps.",
    links: [
      { title: "RabbitMQ upgrade guide", url: "https://www.rabbitmq.com/docs/upgrade" },
      {
        title: "Kolla Ansible RabbitMQ",
        url: `${D}/kolla-ansible/latest/reference/message-queues/rabbitmq.html`,
      },
    ],
  },
  {
    id: "rabbitmq-quorum-queues",
    title: "Quorum and durable queues",
    text: "Quorum queues replicate through Raft and survive node loss; they replaced classic mirrored queues. RabbitMQ 4 accepts only durable queues, so transient queues must be migrated before moving to it.",
    links: [{ title: "Quorum queues", url: "https://www.rabbitmq.com/docs/quorum-queues" }],
  },
  {
    id: "ceph",
    title: "Ceph",
    text: "Distributed storage often behind Cinder, Glance and Nova. Restarting many Ceph daemons at once can stall I/O; hosts are put into maintenance (noout) one at a time.",
    links: [{ title: "Ceph documentation", url: "https://docs.ceph.com/en/latest/" }],
  },
  {
    id: "ironic",
    title: "Ironic",
    text: "OpenStack's bare-metal service: it provisions physical servers as instances. Nodes mid-operation (cleaning, deploying) sit in wait states that an upgrade must not interrupt.",
    links: [{ title: "Ironic documentation", url: `${D}/ironic/latest/` }],
  },
  {
    id: "slurp",
    title: "SLURP releases",
    text: "Since 2023.1, every first release of a year (2023.1, 2024.1...) is a SLURP: Skip Level Upgrade Release Process. Upgrading straight from one SLURP to the next is supported, skipping the .2 release between them; other releases upgrade one series at a time.",
    links: [
      {
        title: "Release cadence adjustment (TC resolution)",
        url: "https://governance.openstack.org/tc/resolutions/20220210-release-cadence-adjustment.html",
      },
      { title: "OpenStack releases", url: "https://releases.openstack.org/" },
    ],
  },
  {
    id: "microversions",
    title: "API microversions",
    text: "OpenStack APIs version each change; a client asks for a microversion and the server answers with that behaviour. After an upgrade the maximum microversion rises; older requests keep working.",
    links: [{ title: "Microversions", url: `${D}/api-guide/compute/microversions.html` }],
  },
  {
    id: "expand-migrate-contract",
    title: "Expand, migrate, contract",
    text: "Database schema upgrades done in three steps: expand adds new columns and tables, migrate moves data, contract removes what is no longer used. After contract the old release can no longer use the database: that is why a backup is the only way back.",
    links: [{ title: "Keystone upgrades", url: `${D}/keystone/latest/admin/upgrading.html` }],
  },
  {
    id: "oslo-upgradecheck",
    title: "Upgrade checks (<service>-status)",
    text: "Commands such as nova-status upgrade check look for problems the next release will not accept. Each check returns Success, Warning or Failure; the exit status is the worst result, and 255 means the check itself failed.",
    links: [{ title: "oslo.upgradecheck", url: `${D}/oslo.upgradecheck/latest/` }],
  },
  {
    id: "release-notes",
    title: "Release notes (reno)",
    text: "Each OpenStack project publishes notes per series with sections for upgrade notes, deprecations and critical issues. The upgrade section lists what an operator must change.",
    links: [{ title: "reno", url: `${D}/reno/latest/` }],
  },
];

/** The glossary stacklog's procedures link to. */
export function glossary(): GlossaryEntry[] {
  return ENTRIES;
}

/** A glossary entry by id, or undefined. */
export function glossaryEntry(id: string): GlossaryEntry | undefined {
  return ENTRIES.find((e) => e.id === id);
}
