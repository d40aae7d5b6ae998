/** Where captured output goes: the journal's output store, or a spool when the store is down. */
export interface CaptureSink {
  /**
   * Output as the store must hold it (already passed through the redactor given), with the ms
   * offset since start of its first character. Called with coalesced chunks (up to 256 Ki units,
   * at most ~200 ms old), never per byte. May throw: capture then stops and the run goes on.
   */
  output(chunk: string, tOffsetMs: number): void;
}

/** A streaming redactor: `push` returns what is safe to keep so far, `flush` the held-back rest. */
export interface StreamRedactor {
  push(s: string): string;
  flush(): string;
  /** The output has paused: what can be written out now (see the redactor's `settle`). */
  settle?(): string;
}

/**
 * Where a run's output bytes go besides the terminal. `write` returning false asks the runner to
 * hold the command until `onDrain` (so a slow store never means unbounded memory); `end` is
 * awaited before the run resolves.
 */
export interface RunTap {
  write(bytes: Buffer): boolean;
  onDrain(fn: () => void): void;
  end(): void | Promise<void>;
  /** Raw bytes the child wrote. */
  readonly bytes: number;
  /** Why capture stopped; undefined while it works. */
  readonly error: string | undefined;
}

/** How a run's output is captured: a tap of the caller's own, or a redactor and a sink. */
export type RunCapture =
  | { tap: (startedAt: number) => RunTap; redact?: never; sink?: never }
  | {
      tap?: never;
      /** Makes a fresh StreamRedactor for this run's output. */
      redact: () => StreamRedactor;
      sink: CaptureSink;
    };

export type RunOptions = RunCommon & RunCapture;

export interface RunCommon {
  argv: string[];
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** "auto" = PTY when stdout is a TTY, else pipes. */
  mode?: "auto" | "pty" | "pipe";
  now?: () => number;
  /** Where signals to forward arrive and where raw mode is restored on exit; default `process`. */
  signals?: SignalSource;
}

/** The parts of `process` the runner listens on. */
export interface SignalSource {
  on(event: NodeJS.Signals | "exit", listener: () => void): unknown;
  off(event: NodeJS.Signals | "exit", listener: () => void): unknown;
}

export interface RunResult {
  /** As a shell reports it: the child's code, 128+N for signal N, 127/126 when it could not start. */
  exitStatus: number;
  signal: string | null;
  startedAt: number;
  endedAt: number;
  mode: "pty" | "pipe";
  /** Raw bytes the child wrote (before decoding and redaction). */
  outputBytes: number;
  /** Set when the command could not be started (the message printed on stderr). */
  spawnError?: string;
  /** Set when capture failed (sink or redactor threw); the command ran on untouched. */
  sinkError?: string;
}

/** How a child ended, before it is turned into a shell status. */
export interface ChildOutcome {
  code: number | null;
  signal: string | number | null;
  spawnError?: string;
}
