/** What the default callback printed for one host on one task. */
export type AnsibleHostStatus =
  | "ok"
  | "changed"
  | "skipped"
  | "failed"
  | "unreachable"
  | "ignored"
  | "rescued"
  | "included";

/** A failed or unreachable task on one host, in the order the output printed them. */
export interface AnsibleFinding {
  play: string;
  task: string;
  host: string;
  status: "failed" | "unreachable";
  /** The module's `msg`, with stderr when the msg alone says little; at most `caps.messageChars`. */
  message: string;
  /** True when the run went on past it: `...ignoring`, or the host was rescued by a block. */
  ignored: boolean;
  /** True when a block's `rescue` took the failure over (then `ignored` is true too). */
  rescued?: boolean;
  /** 1-based line of the output where the failure was printed. */
  line: number;
}

/** One host's row of a PLAY RECAP; rows of several recaps in one output are summed per host. */
export interface AnsibleRecapRow {
  host: string;
  ok: number;
  changed: number;
  unreachable: number;
  failed: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

export interface AnsibleTask {
  name: string;
  /** Host → status (an {@link AnsibleHostStatus}); loop items fold into the worst status. */
  results: Record<string, string>;
  /** From profile_tasks lines when printed, else from the chunk times given to `push`. */
  durationMs?: number;
  handler?: boolean;
  /** Results not kept because the task already held `caps.hostsPerTask` hosts. */
  omittedResults?: number;
}

export interface AnsiblePlay {
  name: string;
  /** Hosts that reported in this play, comma-separated (the callback does not print the pattern). */
  hosts?: string;
  tasks: AnsibleTask[];
}

/** How much was counted but not kept because a cap was reached (see {@link AnsibleCaps}). */
export interface AnsibleTruncation {
  plays: number;
  tasks: number;
  results: number;
  findings: number;
  notices: number;
  /** Lines longer than `caps.lineChars`, kept only up to the cap. */
  longLines: number;
}

export interface AnsibleSummary {
  plays: AnsiblePlay[];
  recap: AnsibleRecapRow[];
  findings: AnsibleFinding[];
  warnings: string[];
  deprecations: string[];
  /** `ERROR!` lines (syntax errors, missing roles) that end a run before or between plays. */
  errors: string[];
  /** True once a PLAY banner or a PLAY RECAP was seen. */
  isAnsible: boolean;
  lines: number;
  truncated: AnsibleTruncation;
}

/** Bounds that keep memory flat whatever the output size; what a cap stops is counted in {@link AnsibleTruncation}. */
export interface AnsibleCaps {
  /** Plays kept (2,000); later plays are counted in `truncated.plays`. */
  plays: number;
  /** Tasks kept over the whole output (20,000), names included; later ones only counted. */
  tasks: number;
  /** Host results kept per task (1,000), and host names listed per play. */
  hostsPerTask: number;
  /** Hosts in the summed recap (10,000). */
  recapHosts: number;
  /** Findings kept (2,000): the first ones, as the first failure is usually the cause. */
  findings: number;
  /** Characters of a finding's message (2,000). */
  messageChars: number;
  /** Characters of one failure's printed result held to read its message (64 Ki). */
  detailChars: number;
  /** Distinct warnings, deprecations and errors kept per kind (200). */
  notices: number;
  /** Characters per notice (1,000). */
  noticeChars: number;
  /** Characters of one line (64 Ki); the rest of a longer line is dropped unread. */
  lineChars: number;
}

/** With these caps a parser holds a few tens of MB at most, whatever the output size. */
export const DEFAULT_CAPS: AnsibleCaps = {
  plays: 2_000,
  tasks: 20_000,
  hostsPerTask: 1_000,
  recapHosts: 10_000,
  findings: 2_000,
  messageChars: 2_000,
  detailChars: 64 * 1024,
  notices: 200,
  noticeChars: 1_000,
  lineChars: 64 * 1024,
};
