import type { RunTap, SignalSource, StreamRedactor } from "../run-types.js";

/**
 * Where one recorded command's output and end go: either `output`, which gets the output
 * redacted and coalesced by the shell session, or `tap`, which gets the raw bytes and does that
 * work itself (the CLI's output processing). With a tap, `finish` is called once the tap's
 * `end` has settled, in command order.
 */
export type CommandHandle = {
  /** The shell's terminal took a new size at `at` (epoch ms) while the command ran. Optional. */
  resized?(at: number, size: { cols: number; rows: number }): void;
  /**
   * `interrupted`: the shell died (of a signal) while the command ran; `exitStatus` is then the
   * shell's own (128+N), and the output is what came before.
   */
  finish(info: {
    endedAt: number;
    exitStatus: number | null;
    cwd: string;
    interrupted?: boolean;
  }): void;
} & (
  | {
      /** Redacted output, coalesced, with the ms offset since the command started. */
      output(chunk: string, tOffsetMs: number): void;
      tap?: never;
    }
  | { tap(startedAt: number): RunTap; output?: never }
);

/** Receives the commands of a recorded shell. Its methods may throw: recording then stops, the shell goes on. */
export interface ShellRecorder {
  /**
   * The line of a command about to begin, as typed (never for a hidden line): lets the recorder
   * learn the secrets it sets before the line and the output are redacted. Optional.
   */
  lineTyped?(typed: string): void;
  /**
   * A command began. `line` is already redacted, or "[not recorded]" with `hidden` for a line
   * typed with a leading space (whose output is then not passed on either).
   */
  commandStarted(info: {
    line: string;
    cwd: string;
    startedAt: number;
    hidden: boolean;
    /** The shell's terminal size as the command starts. */
    size?: { cols: number; rows: number };
  }): CommandHandle;
  /** `stacklog pause` (true) or `stacklog resume` (false) ran in the shell. */
  paused(on: boolean): void;
}

export interface ShellSessionOptions {
  /** Path of bash or zsh (which one is told by the file name). */
  shell: string;
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Makes a fresh streaming redactor (one per command line and per command output). */
  redact: () => StreamRedactor;
  recorder: ShellRecorder;
  /** Printed once before the shell starts; empty for none. */
  banner: string;
  now?: () => number;
  /** Where SIGHUP/SIGTERM arrive and raw mode is restored on exit; default `process`. */
  signals?: SignalSource;
  /** Our pid, exported to the shell as STACKLOG_SHELL_PID; default `process.pid`. */
  pid?: number;
  /**
   * The file `stacklog pause` leaves until `stacklog resume` (exported as STACKLOG_PAUSED_FILE):
   * pause and resume sequences count only when it agrees (see `SplitterOptions.pausedNow`).
   */
  pausedFile?: string;
}

export interface ShellSessionResult {
  exitStatus: number;
  /** Why recording stopped early (the recorder or redactor threw); the shell ran on. */
  captureError?: string;
}
