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
  const deliver = (bytes: Buffer): void => {
    lastDataAt = Date.now();
    const pieces = scanner.feed(bytes);
    show(pieces.length === 1 && pieces[0]?.kind === "bytes" ? bytes : visible(pieces));
    if (!dispatch(pieces, splitter) && !recHeld) {
      recHeld = true;
      hold();
      splitter.onDrain(() => {
        recHeld = false;
        release();
      });
    }
  };
  const output = child.onData((data: string | Buffer) =>
    deliver(typeof data === "string" ? Buffer.from(data) : data),
  );
  drainBeforeClose(child, deliver, (lingerMs) => holds === 0 && Date.now() - lastDataAt > lingerMs);
  cleanups.push(() => output.dispose());
  cleanups.push(() => stdout.off("drain", resume));

  on(stdin, "data", (chunk: Buffer | string) => child.write(chunk));
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
