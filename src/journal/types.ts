/** Where a journal stands. `planned` journals come from `stacklog plan --start`. */
export type JournalStatus = "planned" | "in-progress" | "completed" | "abandoned" | "rolled-back";

export const JOURNAL_STATUSES: readonly JournalStatus[] = [
  "planned",
  "in-progress",
  "completed",
  "abandoned",
  "rolled-back",
];

/** Deployment tools stacklog knows; free text is allowed for others (e.g. "charms", "manual"). */
export type DeploymentTool = "kolla-ansible" | "kayobe" | "openstack-ansible" | "charms" | string;

/** One upgrade (or install) of one system. Times are UTC epoch milliseconds. */
export interface Journal {
  id: string;
  title: string;
  site: string | null;
  system: string | null;
  tool: DeploymentTool | null;
  fromSeries: string | null;
  toSeries: string | null;
  status: JournalStatus;
  operators: string[];
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
}

export type NoteKind = "observation" | "problem" | "fix" | "decision" | "lesson" | "question";

export const NOTE_KINDS: readonly NoteKind[] = [
  "observation",
  "problem",
  "fix",
  "decision",
  "lesson",
  "question",
];

/** How a command was captured. */
export type CaptureMode = "pty" | "pipe" | "shell" | "hook" | "import";

/** Parsed facts about a command's output (e.g. an Ansible PLAY RECAP), filled by capture parsers. */
export interface CommandSummary {
  ansible?: unknown;
  [key: string]: unknown;
}

export interface PhasePayload {
  kind: "phase";
  action: "begin" | "end";
  name: string;
}

export interface CommandPayload {
  kind: "command";
  /** The command line as typed (or argv joined shell-style), already redacted. */
  line: string;
  argv: string[] | null;
  cwd: string;
  host: string;
  user: string;
  mode: CaptureMode;
  startedAt: number;
  endedAt: number | null;
  durationMs: number | null;
  /** Exit status as a shell reports it: signal deaths are 128+N. Null when unknown (interrupted). */
  exitStatus: number | null;
  signal: string | null;
  /** Id of the stored output (see OutputStore), null when no output was captured. */
  outputId: string | null;
  outputBytes: number;
  /** True when stacklog itself stopped before the command ended (kill -9, crash). */
  interrupted?: boolean;
  /** True when the line was hidden from the record (leading space, paused). */
  hidden?: boolean;
  summary?: CommandSummary;
  /** The planned step this command carries out (`stacklog run --step ID`). */
  step?: string;
  /** The size of the command's terminal when it started (terminal and recorded-shell modes). */
  size?: TerminalSize;
  /** The terminal's size changes while it ran, `t` in ms since it started (at most 1,000). */
  resizes?: (TerminalSize & { t: number })[];
}

export interface TerminalSize {
  cols: number;
  rows: number;
}

export interface NotePayload {
  kind: "note";
  noteKind: NoteKind;
  text: string;
  /** For `fix` notes: the event id of the problem this fixes. */
  fixes?: string;
}

export interface MilestonePayload {
  kind: "milestone";
  name: string;
  /** Downtime windows are a `begin`/`end` pair with the same name. */
  window?: "begin" | "end";
  text?: string;
}

export interface SnapshotPayload {
  kind: "snapshot";
  scope: "config" | "cloud";
  label: string;
  data: unknown;
}

export type CheckSeverity = "info" | "low" | "medium" | "high";

export interface CheckPayload {
  kind: "check";
  name: string;
  severity: CheckSeverity;
  inhibitor: boolean;
  text: string;
  detail?: unknown;
}

/** The plan a journal follows (from `stacklog plan --start`): its phases and steps, and the plan as Markdown. */
export interface PlanEventPayload {
  kind: "plan";
  tool: string;
  from: string;
  to: string;
  hops: { from: string; to: string; skipped: string[] }[];
  phases: {
    id: string;
    title: string;
    steps: {
      id: string;
      title: string;
      why: string;
      commands: string[];
      pointOfNoReturn?: string;
    }[];
  }[];
  markdown: string;
}

/** A planned step marked done or skipped by the operator (`stacklog step ID [--skip]`). */
export interface StepPayload {
  kind: "step";
  step: string;
  state: "done" | "skipped";
  text?: string;
}

export interface AmendPayload {
  kind: "amend";
  /** The event this corrects. */
  target: string;
  text: string;
}

/** Every event kind. Switches over `payload.kind` must be exhaustive. */
export type EventPayload =
  | PhasePayload
  | CommandPayload
  | NotePayload
  | MilestonePayload
  | SnapshotPayload
  | CheckPayload
  | PlanEventPayload
  | StepPayload
  | AmendPayload;

export type EventKind = EventPayload["kind"];

export const EVENT_KINDS: readonly EventKind[] = [
  "phase",
  "command",
  "note",
  "milestone",
  "snapshot",
  "check",
  "plan",
  "step",
  "amend",
];

/** An immutable journal event. `seq` numbers events within a journal from 1, in commit order. */
export interface JournalEvent<P extends EventPayload = EventPayload> {
  id: string;
  journalId: string;
  seq: number;
  time: number;
  actor: string;
  terminal: string | null;
  phase: string | null;
  payload: P;
}

/** What a caller hands to the store; the store assigns `seq` (and `id` when absent). */
export type NewEvent<P extends EventPayload = EventPayload> = Omit<
  JournalEvent<P>,
  "seq" | "id"
> & {
  id?: string;
};

/** Fails to compile when a switch over event kinds forgets one. */
export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}

/** A piece of a command's stored output: `t` is milliseconds since the command started. */
export interface OutputChunk {
  t: number;
  data: string;
}

export interface EventQuery {
  /** Only events with seq greater than this (for tailing). */
  afterSeq?: number;
  kinds?: readonly EventKind[];
  phase?: string;
  limit?: number;
  /** Newest first (with `limit: 1`, the latest matching event without reading the rest). */
  latest?: boolean;
}

/** Read side of the store: what `log`, `publish` and `serve` use. */
export interface JournalReader {
  listJournals(): Journal[];
  /** Accepts a full id or a unique prefix; throws JournalNotFound / AmbiguousId. */
  getJournal(ref: string): Journal;
  events(journalId: string, query?: EventQuery): JournalEvent[];
  /** Highest seq in the journal, 0 when empty. Cheap: used to poll for changes. */
  lastSeq(journalId: string): number;
  /** Output chunks in order; with `tailBytes`, only enough trailing chunks to cover that many bytes. */
  readOutput(outputId: string, opts?: { tailBytes?: number }): OutputChunk[];
  /** Total uncompressed bytes of an output. */
  outputSize(outputId: string): number;
}
