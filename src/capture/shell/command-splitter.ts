import type { Schedule } from "../chunker.js";
import { type CaptureTap, createCaptureTap } from "../run-tap.js";
import type { RunTap, StreamRedactor } from "../run-types.js";
import type { Mark } from "./marks.js";
import type { CommandHandle, ShellRecorder } from "./types.js";

/** What a hidden command's line is recorded as. */
export const HIDDEN_LINE = "[not recorded]";

export interface SplitterOptions {
  recorder: ShellRecorder;
  redact: () => StreamRedactor;
  now: () => number;
  cwd: string;
  schedule?: Schedule;
  /** The shell's terminal size now, for each command's record. */
  size?: () => { cols: number; rows: number } | null;
  /**
   * Whether `stacklog pause` holds recording now (its file is there). A pause or resume sequence
   * is taken only when this agrees: a program's output that merely holds the sequence (a
   * replayed log, `cat` of a recording) neither stops nor restarts recording.
   */
  pausedNow?: () => boolean;
}

interface Running {
  handle: CommandHandle | null;
  tap: CaptureTap | RunTap | null;
  /** Set when output was stopped early (pause) and is still settling. */
  ending?: Promise<void> | undefined;
}

/**
 * Turns marks and output bytes into recorder calls: one command from its start mark (written
 * just before it runs) to its end mark (written before the next prompt), its output being
 * exactly the bytes between them. Prompt text and the echo of typed keys are outside. While
 * paused, commands are neither started nor stored.
 */
export class CommandSplitter {
  private cwd: string;
  private running: Running | null = null;
  private paused = false;
  private failure: string | undefined;
  // Ends whose tap is still settling, and the chain that finishes them in command order.
  private settling = 0;
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly opts: SplitterOptions) {
    this.cwd = opts.cwd;
  }

  /** The shell's terminal took a new size: the running command's record notes it. */
  resized(size: { cols: number; rows: number }): void {
    const handle = this.running?.handle;
    if (handle?.resized) this.guard(() => handle.resized?.(this.opts.now(), size));
  }

  /** Why recording stopped (the recorder or redactor threw), if it did. */
  get error(): string | undefined {
    return this.failure ?? this.running?.tap?.error;
  }

  /** Output of the running command; false asks the caller to hold the shell until `onDrain`. */
  bytes(bytes: Buffer): boolean {
    return this.running?.tap?.write(bytes) ?? true;
  }

  /** Calls `fn` once the running command's output may flow again (at once if it may). */
  onDrain(fn: () => void): void {
    const tap = this.running?.tap;
    if (tap) tap.onDrain(fn);
    else fn();
  }

  mark(mark: Mark): void {
    switch (mark.kind) {
      case "start":
        this.end(null);
        this.start(mark.line, mark.cwd);
        return;
      case "end":
        this.end(mark.status, mark.cwd);
        return;
      case "pause":
        this.pause(mark.on);
        return;
      default:
        mark satisfies never;
    }
  }

  /**
   * The shell is gone: a command still open ended it. It takes the shell's exit status (`exit 3`
   * gives 3); when the shell died of a signal, it is marked interrupted. Without the shell's
   * status it ends with an unknown one. Resolves once every command is finished.
   */
  close(shell?: { exitStatus: number; signaled: boolean }): Promise<void> {
    this.end(shell?.exitStatus ?? null, this.cwd, shell?.signaled === true);
    return this.chain;
  }

  private start(typed: string, cwd: string): void {
    this.cwd = cwd;
    // The file decides (its sequence may never reach us: `stacklog pause >/dev/null`, a
    // terminal multiplexer in between).
    const now = this.opts.pausedNow?.();
    if (now !== undefined && now !== this.paused) this.pause(now);
    // A line not stored (typed while paused, or with a leading space) may still set a password
    // (` export OS_PASSWORD=...`): it is learned, in memory, so that a later `echo
    // $OS_PASSWORD` does not store it either.
    this.guard(() => this.opts.recorder.lineTyped?.(typed));
    if (this.paused || this.failure !== undefined) {
      this.running = { handle: null, tap: null };
      return;
    }
    const hidden = typed.startsWith(" ");
    const startedAt = this.opts.now();
    const handle = this.guard(() =>
      this.opts.recorder.commandStarted({
        line: hidden ? HIDDEN_LINE : this.redactLine(typed),
        cwd: this.cwd,
        startedAt,
        hidden,
        ...sized(this.opts.size?.()),
      }),
    );
    const tap =
      handle && !hidden
        ? handle.tap
          ? (this.guard(() => handle.tap?.(startedAt)) ?? null)
          : createCaptureTap({
              redact: this.opts.redact,
              sink: handle,
              now: this.opts.now,
              startedAt,
              ...this.schedule(),
            })
        : null;
    this.running = { handle: handle ?? null, tap };
  }

  private end(status: number | null, cwd = this.cwd, interrupted = false): void {
    this.cwd = cwd;
    const run = this.running;
    if (!run) return;
    // the command ended when its mark came, however long storing its output's end takes
    const endedAt = this.opts.now();
    this.running = null;
    const ending = run.ending ?? this.stopOutput(run);
    const { handle } = run;
    if (!handle) return;
    const info = {
      endedAt,
      exitStatus: status,
      cwd: this.cwd,
      ...(interrupted ? { interrupted } : {}),
    };
    const finish = (): void => void this.guard(() => handle.finish(info));
    if (!ending && this.settling === 0) {
      finish();
      return;
    }
    // Finished after its output has settled, and after every command before it.
    this.settling += 1;
    this.chain = this.chain
      .then(() => ending)
      .then(finish, finish)
      .finally(() => {
        this.settling -= 1;
      });
  }

  private pause(on: boolean): void {
    if (on === this.paused) return;
    if (this.opts.pausedNow && this.opts.pausedNow() !== on) return;
    this.paused = on;
    if (on && this.running) this.running.ending = this.stopOutput(this.running);
    this.guard(() => this.opts.recorder.paused(on));
  }

  /** Ends the command's output; returns a promise when that settles later. */
  private stopOutput(run: Running): Promise<void> | undefined {
    const tap = run.tap;
    if (!tap) return undefined;
    run.tap = null;
    const ending = tap.end();
    if (tap.error !== undefined) this.failure ??= tap.error;
    return ending instanceof Promise ? ending : undefined;
  }

  private redactLine(line: string): string {
    const r = this.opts.redact();
    return r.push(line) + r.flush();
  }

  private schedule(): { schedule?: Schedule } {
    return this.opts.schedule ? { schedule: this.opts.schedule } : {};
  }

  private guard<T>(fn: () => T): T | undefined {
    if (this.failure !== undefined) return undefined;
    try {
      return fn();
    } catch (err) {
      this.failure = err instanceof Error ? err.message : String(err);
      return undefined;
    }
  }
}

function sized(size: { cols: number; rows: number } | null | undefined) {
  return size ? { size } : {};
}
