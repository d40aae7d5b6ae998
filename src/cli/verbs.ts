import { JOURNAL_FLAG, JSON_FLAG, type VerbSpec } from "./spec.js";

const J = { journal: JOURNAL_FLAG, json: JSON_FLAG };

/** Every verb, flag and example. Verb code is loaded only when the verb runs. */
export const VERBS: VerbSpec[] = [
  {
    name: "start",
    summary: "start a journal for an upgrade; it becomes the current journal",
    usage:
      "stacklog start --title TEXT [--site S] [--system S] [--tool T] [--from SERIES] [--to SERIES]",
    flags: {
      title: { type: "string", value: "TEXT", description: "what this journal records" },
      site: { type: "string", value: "NAME", description: "site or organisation" },
      system: { type: "string", value: "NAME", description: "the cloud or system upgraded" },
      tool: {
        type: "string",
        value: "TOOL",
        description: "kolla-ansible, kayobe, openstack-ansible, charms…",
      },
      from: { type: "string", value: "SERIES", description: "series upgraded from, e.g. 2023.1" },
      to: { type: "string", value: "SERIES", description: "series upgraded to, e.g. 2024.1" },
      operator: {
        type: "string",
        multiple: true,
        value: "NAME",
        description: "operator (repeatable; default: you)",
      },
      json: JSON_FLAG,
    },
    examples: [
      'stacklog start --title "Production 2023.1 → 2024.1" --site hpc-north --system prod --tool kayobe --from 2023.1 --to 2024.1',
    ],
    load: () => import("./commands/start.js"),
  },
  {
    name: "status",
    summary: "show the current journal, its phase, running commands and anything spooled",
    usage: "stacklog status [--journal ID]",
    flags: J,
    examples: ["stacklog status", "stacklog status --json"],
    load: () => import("./commands/status.js"),
  },
  {
    name: "phase",
    summary: "begin a phase (ends the previous one)",
    usage: "stacklog phase NAME [--end]",
    flags: { ...J, end: { type: "boolean", description: "only end the current phase" } },
    examples: [
      'stacklog phase "pre-checks"',
      'stacklog phase "control plane"',
      "stacklog phase --end",
    ],
    load: () => import("./commands/phase.js"),
  },
  {
    name: "note",
    summary: "write a note: observation (default), problem, fix, decision, lesson or question",
    usage: "stacklog note [TEXT…] [-m TEXT] [--problem|--fix ID|--decision|--lesson|--question]",
    description:
      "The text comes from the arguments, -m, standard input (when it is not a terminal) or $EDITOR, in that order.",
    flags: {
      ...J,
      message: { type: "string", short: "m", value: "TEXT", description: "the note's text" },
      problem: { type: "boolean", description: "a problem met" },
      fix: {
        type: "string",
        value: "PROBLEM",
        description: "a fix of the problem with this event number or id",
      },
      decision: { type: "boolean", description: "a decision taken" },
      lesson: { type: "boolean", description: "a lesson for next time" },
      question: { type: "boolean", description: "an open question" },
    },
    examples: [
      'stacklog note "rabbitmq cluster healthy before start"',
      'stacklog note --problem "galera node 2 did not rejoin after restart"',
      'stacklog note --fix 12 "bootstrapped galera from node 1 with mariadb_recovery"',
      "echo 'kept 2023.1 images for rollback' | stacklog note --decision",
    ],
    load: () => import("./commands/note.js"),
  },
  {
    name: "milestone",
    summary: "mark a moment; --begin/--end mark a downtime window",
    usage: "stacklog milestone NAME [--begin|--end] [-m TEXT]",
    flags: {
      ...J,
      begin: { type: "boolean", description: "a window (e.g. API downtime) begins" },
      end: { type: "boolean", description: "the window ends" },
      message: { type: "string", short: "m", value: "TEXT", description: "details" },
    },
    examples: [
      'stacklog milestone "API downtime" --begin',
      'stacklog milestone "API downtime" --end',
      'stacklog milestone "compute upgraded"',
    ],
    load: () => import("./commands/milestone.js"),
  },
  {
    name: "run",
    summary: "run a command, recording its output, exit status and duration",
    usage: "stacklog run [--journal ID] [--pipe|--pty] -- COMMAND [ARGS…]",
    description:
      "The command runs exactly as without stacklog (a terminal when yours is one) and its exit status passes through. If the store cannot be written, the record is kept in a spool and stored by the next stacklog call.",
    flags: {
      journal: JOURNAL_FLAG,
      pipe: { type: "boolean", description: "use pipes even on a terminal" },
      pty: { type: "boolean", description: "use a pseudo-terminal even without one" },
      step: {
        type: "string",
        value: "STEP",
        description: "the planned step this command carries out (see stacklog status)",
      },
    },
    examples: [
      "stacklog run -- kayobe overcloud service upgrade",
      "stacklog run -- kolla-ansible -i multinode prechecks",
    ],
    load: () => import("./commands/run.js"),
  },
  {
    name: "shell",
    summary:
      "start your shell with every command recorded, each with its own output, status and duration",
    usage: "stacklog shell [--journal ID] [--shell PATH]",
    description:
      "bash and zsh; your own rc files still run. A command line that starts with a space is kept as [not recorded] with its status only. Inside, `stacklog pause` and `stacklog resume` stop and restart recording; `exit` ends it.",
    flags: {
      journal: JOURNAL_FLAG,
      shell: { type: "string", value: "PATH", description: "the shell (default $SHELL)" },
    },
    examples: ["stacklog shell", "stacklog shell --shell /bin/zsh"],
    load: () => import("./commands/shell.js"),
  },
  {
    name: "hook",
    summary:
      "print shell hooks that record command lines, statuses and durations (no output) without a PTY",
    usage: 'eval "$(stacklog hook bash|zsh)"',
    description:
      "Each command appends one line to a spool file using shell builtins only; the next stacklog call stores them.",
    flags: { journal: JOURNAL_FLAG },
    examples: ['eval "$(stacklog hook bash)"', 'eval "$(stacklog hook zsh)"'],
    load: () => import("./commands/hook.js"),
  },
  {
    name: "pause",
    summary: "inside stacklog shell: stop recording until `stacklog resume`",
    usage: "stacklog pause",
    flags: {},
    examples: ["stacklog pause"],
    load: () => import("./commands/pause.js"),
  },
  {
    name: "resume",
    summary: "inside stacklog shell: record again after `stacklog pause`",
    usage: "stacklog resume",
    flags: {},
    examples: ["stacklog resume"],
    load: () => import("./commands/resume.js"),
  },
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
    name: "log",
    summary: "show the journal's timeline",
    usage: "stacklog log [--kind K] [--phase P] [--follow] [--output]",
    flags: {
      ...J,
      kind: {
        type: "string",
        multiple: true,
        value: "KIND",
        description: "phase, command, note, milestone, snapshot, check, amend",
      },
      phase: { type: "string", value: "NAME", description: "only this phase" },
      follow: {
        type: "boolean",
        short: "f",
        description: "keep printing new events as they arrive",
      },
      limit: { type: "string", value: "N", description: "only the last N events" },
    },
    examples: ["stacklog log", "stacklog log --kind note --kind command", "stacklog log --follow"],
    load: () => import("./commands/log.js"),
  },
  {
    name: "list",
    summary: "list journals",
    usage: "stacklog list",
    flags: { json: JSON_FLAG },
    examples: ["stacklog list", "stacklog list --json"],
    load: () => import("./commands/list.js"),
  },
  {
    name: "show",
    summary: "show one event, with its output",
    usage: "stacklog show EVENT [--tail BYTES]",
    flags: {
      ...J,
      tail: { type: "string", value: "BYTES", description: "only the last BYTES of output" },
    },
    examples: ["stacklog show 12", "stacklog show 01JD6Q6Y6ZP5…"],
    load: () => import("./commands/show.js"),
  },
  {
    name: "search",
    summary: "full-text search over notes, commands and output",
    usage: "stacklog search QUERY [--all]",
    flags: {
      ...J,
      all: { type: "boolean", description: "search every journal" },
      limit: { type: "string", value: "N", description: "at most N hits (default 20)" },
    },
    examples: ["stacklog search galera", 'stacklog search "database is locked" --all'],
    load: () => import("./commands/search.js"),
  },
  {
    name: "amend",
    summary: "correct an event (the original stays; the correction refers to it)",
    usage: "stacklog amend EVENT TEXT…",
    flags: {
      ...J,
      message: { type: "string", short: "m", value: "TEXT", description: "the correction" },
    },
    examples: ['stacklog amend 14 "the restart was of nova_compute, not nova_api"'],
    load: () => import("./commands/amend.js"),
  },
  {
    name: "finish",
    summary: "end the journal with an outcome",
    usage: "stacklog finish --status completed|abandoned|rolled-back",
    flags: {
      ...J,
      status: {
        type: "string",
        value: "STATUS",
        description: "completed, abandoned or rolled-back",
      },
    },
    examples: ["stacklog finish --status completed", "stacklog finish --status rolled-back"],
    load: () => import("./commands/finish.js"),
  },
  {
    name: "export",
    summary: "export a journal: JSON with outputs, or an asciicast recording",
    usage:
      "stacklog export [--journal ID] [--format json|asciicast|asciicast-v2] [--event N] [--out FILE]",
    description:
      "asciicast is v3 (asciinema 3); asciicast-v2 plays in asciinema 2.x. Each command starts with a marker.",
    flags: {
      journal: JOURNAL_FLAG,
      format: {
        type: "string",
        value: "FORMAT",
        description: "json (default), asciicast (v3), asciicast-v2",
      },
      event: { type: "string", value: "N", description: "asciicast of one command only" },
      out: {
        type: "string",
        short: "o",
        value: "FILE",
        description: "write to FILE instead of standard output",
      },
    },
    examples: [
      "stacklog export > upgrade.json",
      "stacklog export --journal 01JD6Q --out upgrade.json",
      "stacklog export --format asciicast-v2 --out upgrade.cast && asciinema play upgrade.cast",
    ],
    load: () => import("./commands/export.js"),
  },
  {
    name: "import",
    summary: "import a journal export, or a terminal recording (asciicast) as commands",
    usage:
      "stacklog import FILE [--replace] | stacklog import --format asciicast FILE [--journal ID]",
    flags: {
      ...J,
      format: { type: "string", value: "FORMAT", description: "json (default) or asciicast" },
      replace: { type: "boolean", description: "replace a journal with the same id" },
    },
    examples: ["stacklog import upgrade.json", "stacklog import --format asciicast session.cast"],
    load: () => import("./commands/import.js"),
  },
  {
    name: "secrets",
    summary:
      "register files whose secret values are never stored (kolla passwords.yml, clouds.yaml, …)",
    usage: "stacklog secrets add FILE… | stacklog secrets list",
    description:
      "Values are read from the files at every call and never stored; only the paths are kept. OS_PASSWORD, OS_APPLICATION_CREDENTIAL_SECRET and OS_TOKEN are always hidden.",
    flags: { json: JSON_FLAG },
    examples: [
      "stacklog secrets add /etc/kolla/passwords.yml ~/.config/openstack/clouds.yaml",
      "stacklog secrets list",
    ],
    load: () => import("./commands/secrets.js"),
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
    name: "serve",
    summary: "serve the journeys, accounts, lessons and search as a live local web site",
    usage: "stacklog serve [--port 7300] [--host 127.0.0.1] [--public]",
    description:
      "Pages update within a second as events arrive. Read-only. Listens on loopback unless --public.",
    flags: {
      port: {
        type: "string",
        value: "PORT",
        description: "port (default 7300; 0 picks a free one)",
      },
      host: {
        type: "string",
        value: "ADDR",
        description: "address to listen on (default 127.0.0.1)",
      },
      public: { type: "boolean", description: "allow a non-loopback address" },
      empty: {
        type: "boolean",
        description: "on an empty store, do not import the shipped example journal",
      },
      json: JSON_FLAG,
    },
    examples: [
      "stacklog serve",
      "stacklog serve --port 8080",
      "stacklog serve --host 0.0.0.0 --public",
    ],
    load: () => import("./commands/serve.js"),
  },
  {
    name: "publish",
    summary: "write the site as static files (any web server or file://) or as Jekyll pages",
    usage: "stacklog publish --out DIR [--journal ID…] [--format html|jekyll]",
    description:
      "Only journals that changed since the last publish into DIR are rendered again. Publishing is refused if a registered secret would appear.",
    flags: {
      out: {
        type: "string",
        short: "o",
        value: "DIR",
        description: "output folder (nothing is written outside it)",
      },
      journal: {
        type: "string",
        multiple: true,
        value: "ID",
        description: "only these journals (repeatable; default all)",
      },
      format: { type: "string", value: "FORMAT", description: "html (default) or jekyll" },
      author: { type: "string", value: "NAME", description: "author of the Jekyll progress posts" },
      json: JSON_FLAG,
    },
    examples: [
      "stacklog publish --out public/",
      "stacklog publish --format jekyll --out ../SHAREing-DRI.github.io",
      "stacklog publish --journal 01JD6Q --out /tmp/one",
    ],
    load: () => import("./commands/publish.js"),
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
  {
    name: "demo",
    summary: "a guided tour: records a short rehearsal in your store, then serves it as web pages",
    usage: "stacklog demo [--record-only] [--port 7300]",
    flags: {
      "record-only": {
        type: "boolean",
        description: "record and print the timeline, do not start the web view",
      },
      port: { type: "string", value: "PORT", description: "port of the web view (default 7300)" },
    },
    examples: ["stacklog demo", "STACKLOG_HOME=/tmp/try stacklog demo --record-only"],
    load: () => import("./commands/demo.js"),
  },
];

/** Finds a verb by name. */
export function findVerb(name: string): VerbSpec | undefined {
  return VERBS.find((v) => v.name === name);
}
