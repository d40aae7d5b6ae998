import { JOURNAL_FLAG, JSON_FLAG, type VerbSpec } from "./spec.js";

const J = { journal: JOURNAL_FLAG, json: JSON_FLAG };

/** Planning, snapshots and the lab. */
export const PLAN_VERBS: VerbSpec[] = [
  {
    name: "step",
    summary: "mark a planned step done, or --skip it with the reason",
    usage: "stacklog step STEP [TEXT] [--skip]",
    flags: {
      ...J,
      skip: { type: "boolean", description: "skipped, not done" },
      message: { type: "string", short: "m", value: "TEXT", description: "why, or what was done" },
    },
    examples: [
      "stacklog step ka-2023.1-backup-config",
      'stacklog step ka-2023.1-pull-images --skip "images pre-pulled last week"',
    ],
    load: () => import("./commands/step.js"),
  },
  {
    name: "releases",
    summary:
      "the OpenStack series (dates, SLURP, status) and the deployment tools' versions per series",
    usage: "stacklog releases [--from-repo PATH [--write]]",
    flags: {
      "from-repo": {
        type: "string",
        value: "PATH",
        description: "refresh from a checkout of openstack/releases",
      },
      write: {
        type: "boolean",
        description: "with --from-repo: save the refreshed tables into data/releases",
      },
      json: JSON_FLAG,
    },
    examples: [
      "stacklog releases",
      "stacklog releases --json",
      "stacklog releases --from-repo ~/src/releases",
    ],
    load: () => import("./commands/releases.js"),
  },
  {
    name: "plan",
    summary:
      "plan an upgrade: the hops (SLURP where possible), constraints, and each step with its why",
    usage:
      "stacklog plan --tool kolla-ansible|kayobe|openstack-ansible --from SERIES --to SERIES [--config DIR] [--notes REPO] [--markdown] [--start]",
    description:
      "SERIES is a name (zed), a number (2023.1) or a tool version (16.2.0). --config reads the deployment to keep what applies; --notes attaches the release notes between the two versions; --start creates a journal whose phases come from the plan.",
    flags: {
      tool: {
        type: "string",
        value: "TOOL",
        description: "kolla-ansible, kayobe or openstack-ansible",
      },
      from: { type: "string", value: "SERIES", description: "where you are" },
      to: { type: "string", value: "SERIES", description: "where you are going" },
      config: {
        type: "string",
        value: "DIR",
        description: "the deployment's configuration (e.g. /etc/kolla)",
      },
      notes: {
        type: "string",
        value: "REPO",
        description: "a git checkout of the tool, for its release notes",
      },
      markdown: { type: "boolean", description: "print Markdown" },
      start: { type: "boolean", description: "start a journal that follows this plan" },
      json: JSON_FLAG,
    },
    examples: [
      "stacklog plan --tool kolla-ansible --from zed --to 2024.1",
      "stacklog plan --tool kolla-ansible --from zed --to 2025.1 --config /etc/kolla --notes ~/src/kolla-ansible --start",
      "stacklog plan --tool kayobe --from 2023.1 --to 2024.1 --markdown > plan.md",
    ],
    load: () => import("./commands/plan.js"),
  },
  {
    name: "notes",
    summary: "release notes (reno) of a repository between two versions, by release and section",
    usage:
      "stacklog notes --repo PATH [--from VERSION] [--to VERSION] [--branch B] [--section upgrade,critical,…]",
    flags: {
      repo: {
        type: "string",
        value: "PATH",
        description: "a git checkout with releasenotes/notes",
      },
      from: { type: "string", value: "VERSION", description: "after this version" },
      to: { type: "string", value: "VERSION", description: "up to and including this version" },
      branch: {
        type: "string",
        value: "BRANCH",
        description: "scan this branch (e.g. stable/2024.1)",
      },
      section: {
        type: "string",
        multiple: true,
        value: "NAMES",
        description:
          "only these sections (upgrade, critical, security, deprecations, fixes, features, issues, other, prelude)",
      },
      json: JSON_FLAG,
    },
    examples: [
      "stacklog notes --repo ~/src/kolla-ansible --from 15.0.0 --to 16.0.0 --section upgrade,critical",
    ],
    load: () => import("./commands/notes.js"),
  },
  {
    name: "snapshot",
    summary: "record the deployment's configuration or the live cloud's state (before and after)",
    usage:
      "stacklog snapshot config [DIR] [--tool T] [--label L] | stacklog snapshot cloud [--os-cloud NAME] [--label L]",
    description:
      "config reads kolla-ansible (/etc/kolla), Kayobe or OpenStack-Ansible configuration; passwords files are registered as secret sources and only their keys are kept. cloud reads the APIs read-only, authenticating like the openstack CLI (clouds.yaml, secure.yaml, OS_* variables).",
    flags: {
      ...J,
      tool: {
        type: "string",
        value: "TOOL",
        description: "kolla-ansible, kayobe or openstack-ansible (default: detected)",
      },
      label: {
        type: "string",
        value: "TEXT",
        description: "a name for this snapshot, e.g. before or after",
      },
      "os-cloud": {
        type: "string",
        value: "NAME",
        description: "cloud from clouds.yaml (default $OS_CLOUD)",
      },
      timeout: {
        type: "string",
        value: "SECONDS",
        description: "per-request timeout for cloud (default 10)",
      },
    },
    examples: [
      "stacklog snapshot config /etc/kolla --label before",
      "stacklog snapshot cloud --os-cloud prod --label before",
      "stacklog snapshot config /etc/kolla --label after",
    ],
    load: () => import("./commands/snapshot.js"),
  },
  {
    name: "diff",
    summary:
      "what changed between two snapshots (variables, overrides, image tags, API versions, services)",
    usage: "stacklog diff BEFORE AFTER",
    flags: J,
    examples: ["stacklog diff 3 41", "stacklog diff 3 41 --json"],
    load: () => import("./commands/diff.js"),
  },
  {
    name: "lab",
    summary:
      "rehearse: upgrade a real Keystone Victoria → Zed → 2025.1 in Debian chroots, recorded as a journal",
    usage:
      "stacklog lab keystone [--dir DIR] [--to zed|2025.1] [--backend sqlite|mariadb] [--port 5001]",
    description:
      "Needs root, about 6 GiB free under DIR and the Debian archive. Takes several minutes. The journal goes to DIR/stacklog; see docs/lab.md.",
    flags: {
      dir: {
        type: "string",
        value: "DIR",
        description: "work folder (default /var/tmp/stacklog-lab)",
      },
      to: {
        type: "string",
        value: "SERIES",
        description: "zed (one hop) or 2025.1 (default, two hops)",
      },
      backend: { type: "string", value: "DB", description: "sqlite (default) or mariadb" },
      port: {
        type: "string",
        value: "PORT",
        description: "Keystone's port on 127.0.0.1 (default 5001)",
      },
      json: JSON_FLAG,
    },
    examples: ["stacklog lab keystone", "stacklog lab keystone --to zed --dir /srv/lab"],
    load: () => import("./commands/lab.js"),
  },
];
