import { runUnrecorded } from "./run-unrecorded.js";
import { JOURNAL_FLAG, JSON_FLAG, JSON_LINES_FLAG, type VerbSpec } from "./spec.js";

const J = { journal: JOURNAL_FLAG, json: JSON_FLAG };

/** Recording: journals, phases, commands, notes, shells, secrets. */
export const RECORD_VERBS: VerbSpec[] = [
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
    noPositionals: true,
    summary: "show the current journal, its phase, running commands and anything spooled",
    usage: "stacklog status [--journal ID]",
    flags: J,
    examples: ["stacklog status", "stacklog status --json"],
    load: () => import("./commands/status.js"),
  },
  {
    name: "phase",
    summary: "begin a phase (ends the previous one)",
    usage: "stacklog phase NAME | stacklog phase [NAME] --end",
    flags: {
      ...J,
      end: {
        type: "boolean",
        description: "only end the running phase (NAME, if given, must be the running one)",
      },
    },
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
      "The text comes from the arguments, -m, standard input (when it is not a terminal, or when the text is `-`) or $EDITOR, in that order.",
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
    usage: "stacklog run [--journal ID] [--pipe|--pty] [--] COMMAND [ARGS…]",
    description:
      "The command runs exactly as without stacklog (a terminal when yours is one) and its exit status passes through. If the store cannot be written, the record is kept in a spool and stored by the next stacklog call. The command starts at its first word (or after `--`): what follows is its own, flags included.",
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
    unloaded: runUnrecorded,
  },
  {
    name: "shell",
    noPositionals: true,
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
      "Each command appends one line to a spool file using shell builtins only; the next stacklog call stores them, redacted. Until then the lines are in that file as typed (in <store>/hooks/, a folder only you can enter), since the shell cannot redact: start a line with a space to keep its text out, or use `stacklog shell`, which redacts before anything is written. Hook mode cannot pause.",
    flags: { journal: JOURNAL_FLAG },
    examples: ['eval "$(stacklog hook bash)"', 'eval "$(stacklog hook zsh)"'],
    load: () => import("./commands/hook.js"),
  },
  {
    name: "pause",
    noPositionals: true,
    summary: "inside stacklog shell: stop recording until `stacklog resume`",
    usage: "stacklog pause [--json]",
    flags: { json: JSON_FLAG },
    examples: ["stacklog pause", "stacklog pause --json"],
    load: () => import("./commands/pause.js"),
  },
  {
    name: "resume",
    noPositionals: true,
    summary: "inside stacklog shell: record again after `stacklog pause`",
    usage: "stacklog resume [--json]",
    flags: { json: JSON_FLAG },
    examples: ["stacklog resume", "stacklog resume --json"],
    load: () => import("./commands/resume.js"),
  },
  {
    name: "log",
    noPositionals: true,
    summary: "show the journal's timeline",
    usage: "stacklog log [--kind K] [--phase P] [--limit N] [--follow]",
    flags: {
      journal: JOURNAL_FLAG,
      json: JSON_LINES_FLAG,
      kind: {
        type: "string",
        multiple: true,
        value: "KIND",
        description: "phase, command, note, milestone, snapshot, check, plan, step, amend",
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
    noPositionals: true,
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
    noPositionals: true,
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
    name: "secrets",
    summary:
      "register (or remove) files whose secret values are never stored (kolla passwords.yml, clouds.yaml, …)",
    usage: "stacklog secrets add FILE… | stacklog secrets list | stacklog secrets remove FILE…",
    description:
      "Values are read from the files at every call and never stored; only the paths are kept. OS_PASSWORD, OS_APPLICATION_CREDENTIAL_SECRET and OS_TOKEN are always hidden. While a registered file cannot be read, nothing that may hold its values is stored; `remove` stops using a file that is gone for good (its values are no longer hidden).",
    flags: { json: JSON_FLAG },
    examples: [
      "stacklog secrets add /etc/kolla/passwords.yml ~/.config/openstack/clouds.yaml",
      "stacklog secrets list",
      "stacklog secrets remove /etc/kolla/passwords.yml",
    ],
    load: () => import("./commands/secrets.js"),
  },
];
