import type { OutputChunk } from "../../journal/index.js";

/** One command to write into a recording. `chunks` may be a lazy iterable (read from the store on demand). */
export interface CastCommand {
  line: string;
  /** Epoch ms. */
  startedAt: number;
  endedAt: number | null;
  exitStatus: number | null;
  cwd?: string;
  /** The terminal's size as the command started, and its changes (`t` ms since the start). */
  size?: { cols: number; rows: number };
  resizes?: readonly { t: number; cols: number; rows: number }[];
  chunks: Iterable<OutputChunk>;
}

/** What `exportCast` writes. `commands` may be a lazy iterable; they are written in the order given. */
export interface CastInput {
  title: string;
  /** Terminal size in the header; 80x24 when absent. */
  cols?: number;
  rows?: number;
  /** Epoch ms of the recording's start. */
  startedAt: number;
  commands: Iterable<CastCommand>;
  /** Captured environment for the header (asciinema records SHELL and TERM). */
  env?: Record<string, string>;
  /** Seconds: players shorten longer pauses to this (`idle_time_limit` in the header). */
  idleTimeLimit?: number;
}

/** How to write a recording beyond the format version. */
export interface ExportOptions {
  /** Write OSC 133 / OSC 7 marks around each command so that `importCast` can split it again (default true). */
  marks?: boolean;
}

/** A command read back from a recording. Times are epoch ms; chunk `t` is ms since the command started. */
export interface ImportedCommand {
  line: string;
  startedAt: number;
  endedAt: number;
  exitStatus: number | null;
  cwd: string | null;
  output: OutputChunk[];
  /** Set when the recording was cut short: says what was lost. */
  partial?: string;
}

/** How the recording was cut into commands (`osc133` too for a recording stacklog wrote, cut at its own markers). */
export type SplitMethod = "osc133" | "prompt" | "single";

export interface ImportResult {
  version: 2 | 3;
  title: string | null;
  /** Epoch ms of the recording's start (the header's `timestamp`; 0 when absent, with a warning). */
  startedAt: number;
  commands: ImportedCommand[];
  warnings: string[];
  splitBy: SplitMethod;
}

export interface ImportOptions {
  /** Name used in error messages and warnings (e.g. the file path). */
  sourceName?: string;
}
