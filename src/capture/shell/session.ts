import { existsSync } from "node:fs";
import { type IPty, spawn } from "node-pty";
import { fail } from "../../errors/index.js";
import { exitStatusFor, signalNumber } from "../exit-status.js";
import { drainBeforeClose } from "../pty-drain.js";
import { noPtyReason } from "../pty-mode.js";
import { enterRawMode } from "../pty-raw-mode.js";
import { forwardSignals } from "../run-signals.js";
import type { SignalSource } from "../run-types.js";
import { CommandSplitter } from "./command-splitter.js";
import { planLaunch } from "./launch.js";
import { MarkScanner } from "./mark-scanner.js";
import type { Piece } from "./marks.js";
import type { ShellSessionOptions, ShellSessionResult } from "./types.js";

type Listener = Parameters<NodeJS.EventEmitter["on"]>[1];

const EOF_CHAR = "\x04";
// The end of the prompt: the integration puts OSC 133 B last in PS1.
const PROMPT_END = Buffer.from("\x1b]133;B\x07");
const NOTHING = Buffer.alloc(0);

/**
 * Runs the user's bash or zsh on a new pseudo-terminal with stacklog's hooks loaded (their own
 * startup files still run), passing keys, window sizes and output through, and reports each
 * command to `opts.recorder`. Resolves with the shell's exit status when the shell exits.
 */
export async function runShellSession(opts: ShellSessionOptions): Promise<ShellSessionResult> {
  const now = opts.now ?? Date.now;
  const source: SignalSource = opts.signals ?? process;
  const launch = planLaunch(opts.shell, opts.env, opts.pid ?? process.pid);
  let shellTerminal: IPty | null = null;
  const splitter = new CommandSplitter({
    recorder: opts.recorder,
    redact: opts.redact,
    now,
    cwd: opts.cwd,
    size: () => (shellTerminal ? { cols: shellTerminal.cols, rows: shellTerminal.rows } : null),
    ...(opts.pausedFile ? { pausedNow: () => existsSync(opts.pausedFile as string) } : {}),
  });
  const restoreMode = enterRawMode(opts.stdin, opts.stdout, source);
  try {
    const child = spawnShell(launch, opts);
    shellTerminal = child;
    if (opts.banner) opts.stdout.write(`${opts.banner}\r\n`);
    const end = await supervise(child, opts, splitter, source, new MarkScanner(launch.nonce));
    await splitter.close(end);
    const error = splitter.error;
    return { exitStatus: end.exitStatus, ...(error !== undefined ? { captureError: error } : {}) };
  } finally {
    restoreMode();
    launch.cleanup();
  }
}

function supervise(
  child: IPty,
  opts: ShellSessionOptions,
  splitter: CommandSplitter,
  source: SignalSource,
  scanner: MarkScanner,
): Promise<{ exitStatus: number; signaled: boolean }> {
  const { stdin, stdout } = opts;
  const cleanups: Array<() => void> = [];
  const on = (em: NodeJS.EventEmitter, ev: string, fn: Listener): void => {
    em.on(ev, fn);
    cleanups.push(() => em.off(ev, fn));
  };

  // The shell is held (its terminal fills up and blocks it) while our terminal or the
  // recording cannot keep up, and let go when both can.
  let holds = 0;
  let outHeld = false;
  let recHeld = false;
  let lastDataAt = Date.now();
  const hold = (): void => {
    if (holds++ === 0) child.pause();
  };
  const release = (): void => {
    if (--holds === 0) child.resume();
  };
  const resume = (): void => {
    outHeld = false;
    release();
  };
  const show = (bytes: Buffer): void => {
    if (bytes.length > 0 && !stdout.write(bytes) && !outHeld) {
      outHeld = true;
      hold();
      stdout.once("drain", resume);
    }
  };
  // Input that is not a terminal (a pipe, /dev/null) ends: the shell then gets Ctrl-D at an empty
  // prompt, as from a user done typing. Sent at a prompt only, and again at each later one: a
  // Ctrl-D that arrives while the terminal is in canonical mode (bash still reading its rc files,
  // a piped command running) is kept by the kernel as a NUL byte, which the line editor then reads
  // as Ctrl-@, not as end of input. Readline and ZLE switch the terminal to raw before they draw
  // the prompt, so from there on it is read as typed, after any piped bytes still unread.
  const prompts = stdin.isTTY ? null : new PromptWatch();
  let inputEnded = false;
  const deliver = (bytes: Buffer): void => {
    lastDataAt = Date.now();
    const pieces = scanner.feed(bytes);
    // Never the chunk as read: the scanner may hold its end back (the start of a mark, cut
    // across reads), and a mark's start on the screen would swallow the output after it.
    show(visible(pieces));
    if (!dispatch(pieces, splitter) && !recHeld) {
      recHeld = true;
      hold();
      splitter.onDrain(() => {
        recHeld = false;
        release();
      });
    }
    if (prompts?.feed(pieces) && inputEnded) child.write(EOF_CHAR);
  };
  const output = child.onData((data: string | Buffer) =>
    deliver(typeof data === "string" ? Buffer.from(data) : data),
  );
  drainBeforeClose(child, deliver, (lingerMs) => holds === 0 && Date.now() - lastDataAt > lingerMs);
  cleanups.push(() => output.dispose());
  cleanups.push(() => stdout.off("drain", resume));

  let lineOpen = false;
  on(stdin, "data", (chunk: Buffer | string) => {
    if (chunk.length > 0) lineOpen = !endsLine(chunk);
    child.write(chunk);
  });
  if (!stdin.isTTY)
    on(stdin, "end", () => {
      inputEnded = true;
      // A last line without its newline still runs, as bash and zsh run one at the end of a
      // script (at a prompt holding text, Ctrl-D only deletes a character). Enter needs no
      // prompt: canonical mode turns it into the newline that readline and ZLE accept a line on.
      if (lineOpen) child.write("\r");
      if (prompts?.waiting) child.write(EOF_CHAR);
    });
  stdin.resume();
  cleanups.push(() => stdin.pause());
  on(stdout, "resize", () => {
    resizeLike(child, stdout);
    splitter.resized({ cols: child.cols, rows: child.rows });
  });
  on(stdout, "error", () => {});
  // Keys (Ctrl-C too) arrive as bytes in raw mode; a hangup or kill of stacklog hangs up the shell.
  cleanups.push(
    forwardSignals(
      source,
      () => hangUp(child),
      (sig) => sig === "SIGINT" || sig === "SIGQUIT",
    ),
  );

  return new Promise((resolve) => {
    const exit = child.onExit(({ exitCode, signal }) => {
      exit.dispose();
      const rest = scanner.flush();
      show(visible(rest));
      dispatch(rest, splitter);
      for (const undo of cleanups.reverse()) undo();
      resolve({
        exitStatus: exitStatusFor(exitCode, signal ?? null),
        signaled: signalNumber(signal ?? null) !== null,
      });
    });
  });
}

/**
 * Follows the shell's output to tell when it waits at its prompt: the prompt's end drawn while no
 * command runs (between the start and end marks, which carry the nonce, a program may print an
 * OSC 133 B of its own: a remote shell over ssh).
 */
class PromptWatch {
  /** A prompt is drawn and no command started since. */
  waiting = false;
  private running = false;
  // The end of the last bytes, which may hold the start of a prompt end cut across reads.
  private carry = NOTHING;

  /** True when `pieces` drew a prompt. */
  feed(pieces: Piece[]): boolean {
    let drawn = false;
    for (const p of pieces) {
      if (p.kind === "mark") {
        this.carry = NOTHING;
        if (p.mark.kind === "start") this.waiting = false;
        if (p.mark.kind !== "pause") this.running = p.mark.kind === "start";
      } else if (!this.running && this.ends(p.bytes)) {
        drawn = true;
        this.waiting = true;
      }
    }
    return drawn;
  }

  private ends(bytes: Buffer): boolean {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, bytes]) : bytes;
    this.carry = Buffer.from(buf.subarray(Math.max(0, buf.length - PROMPT_END.length + 1)));
    return buf.includes(PROMPT_END);
  }
}

function endsLine(chunk: Buffer | string): boolean {
  const last =
    typeof chunk === "string" ? chunk.charCodeAt(chunk.length - 1) : chunk[chunk.length - 1];
  return last === 0x0a || last === 0x0d;
}

/** Starts the shell on a new terminal; no terminal to be had is a clear error, not a crash. */
function spawnShell(launch: ReturnType<typeof planLaunch>, opts: ShellSessionOptions): IPty {
  try {
    return spawn(launch.argv[0] as string, launch.argv.slice(1), {
      name: opts.env.TERM ?? "xterm-256color",
      cols: size(opts.stdout.columns, 80),
      rows: size(opts.stdout.rows, 24),
      cwd: opts.cwd,
      env: launch.env,
      encoding: null,
    });
  } catch (err) {
    const noPty = noPtyReason(err);
    throw noPty === null ? err : fail("PtyUnavailable", noPty);
  }
}

/** What the user's terminal gets: everything but stacklog's private sequences. */
function visible(pieces: Piece[]): Buffer {
  const parts: Buffer[] = [];
  for (const p of pieces) if (p.kind === "bytes") parts.push(p.bytes);
  return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
}

/** Passes output and marks on; false when the recording asks to hold the shell. */
function dispatch(pieces: Piece[], splitter: CommandSplitter): boolean {
  let flowing = true;
  for (const p of pieces) {
    if (p.kind === "bytes") flowing = splitter.bytes(p.bytes);
    else {
      splitter.mark(p.mark);
      flowing = true;
    }
  }
  return flowing;
}

function hangUp(child: IPty): void {
  try {
    child.kill("SIGHUP");
  } catch {
    // Already gone.
  }
}

function resizeLike(child: IPty, stdout: NodeJS.WriteStream): void {
  try {
    child.resize(size(stdout.columns, child.cols), size(stdout.rows, child.rows));
  } catch {
    // The shell is already gone.
  }
}

function size(n: number | undefined, fallback: number): number {
  return typeof n === "number" && n > 0 ? n : fallback;
}
