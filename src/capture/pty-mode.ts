import { type IPty, spawn } from "node-pty";
import { drainBeforeClose } from "./pty-drain.js";
import { enterRawMode } from "./pty-raw-mode.js";
import { forwardSignals } from "./run-signals.js";
import type { ChildOutcome, RunOptions, RunTap, SignalSource } from "./run-types.js";

const EOF_CHAR = "\x04";

/**
 * What node-pty said, trimmed, when the system gave it no pseudo-terminal (forkpty or openpty
 * failed); null for any other failure.
 */
export function noPtyReason(err: unknown): string | null {
  const message = err instanceof Error ? err.message : String(err);
  return /\b(forkpty|openpty|posix_openpt)\b/.test(message) ? message.replace(/\.$/, "") : null;
}

type Listener = Parameters<NodeJS.EventEmitter["on"]>[1];

/**
 * Runs the command on a fresh pseudo-terminal sized like ours, with our terminal raw, keys and
 * window sizes passed on, output copied byte for byte to `stdout` and to the tap. Raw mode is
 * restored however the run ends.
 */
export async function runPty(
  opts: RunOptions,
  tap: RunTap,
  source: SignalSource,
): Promise<ChildOutcome> {
  const restoreMode = enterRawMode(opts.stdin, opts.stdout, source);
  try {
    const child = spawn(opts.argv[0] as string, opts.argv.slice(1), {
      name: opts.env.TERM ?? "xterm",
      cols: size(opts.stdout.columns, 80),
      rows: size(opts.stdout.rows, 24),
      cwd: opts.cwd,
      env: definedOnly(opts.env),
      // Raw bytes, so what the user sees is exactly what the child wrote (invalid UTF-8 too).
      encoding: null,
    });
    return await supervise(child, opts, tap, source);
  } finally {
    restoreMode();
  }
}

function supervise(
  child: IPty,
  opts: RunOptions,
  tap: RunTap,
  source: SignalSource,
): Promise<ChildOutcome> {
  const { stdin, stdout } = opts;
  const cleanups: Array<() => void> = [];
  const on = (em: NodeJS.EventEmitter, ev: string, fn: Listener): void => {
    em.on(ev, fn);
    cleanups.push(() => em.off(ev, fn));
  };

  // The child is held while our terminal or the capture cannot keep up, and let go when both can.
  let holds = 0;
  let outHeld = false;
  let tapHeld = false;
  let lastDataAt = Date.now();
  const hold = (): void => {
    if (holds++ === 0) child.pause();
  };
  const release = (): void => {
    if (--holds === 0) child.resume();
  };
  const outDrained = (): void => {
    outHeld = false;
    release();
  };
  const deliver = (bytes: Buffer): void => {
    lastDataAt = Date.now();
    if (!stdout.write(bytes) && !outHeld) {
      // Its terminal fills up and blocks it until ours catches up.
      outHeld = true;
      hold();
      stdout.once("drain", outDrained);
    }
    if (!tap.write(bytes) && !tapHeld) {
      tapHeld = true;
      hold();
      tap.onDrain(() => {
        tapHeld = false;
        release();
      });
    }
  };
  const output = child.onData((data: string | Buffer) => {
    deliver(typeof data === "string" ? Buffer.from(data) : data);
  });
  drainBeforeClose(child, deliver, (lingerMs) => holds === 0 && Date.now() - lastDataAt > lingerMs);
  cleanups.push(() => output.dispose());
  cleanups.push(() => stdout.off("drain", outDrained));

  on(stdin, "data", (chunk: Buffer | string) => child.write(chunk));
  if (!stdin.isTTY) on(stdin, "end", () => child.write(EOF_CHAR));
  stdin.resume();
  cleanups.push(() => stdin.pause());

  on(stdout, "resize", () => resizeLike(child, stdout));
  on(stdout, "error", () => {});
  cleanups.push(forwardSignals(source, (sig) => signalGroup(child.pid, sig)));

  return new Promise((resolve) => {
    const exit = child.onExit(({ exitCode, signal }) => {
      exit.dispose();
      for (const undo of cleanups.reverse()) undo();
      resolve({ code: exitCode, signal: signal ?? null });
    });
  });
}

function resizeLike(child: IPty, stdout: NodeJS.WriteStream): void {
  try {
    child.resize(size(stdout.columns, child.cols), size(stdout.rows, child.rows));
  } catch {
    // The child is already gone.
  }
}

/** Sends `sig` to the child's process group, as its terminal would; the child leads a new session. */
function signalGroup(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pid, sig);
  } catch {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  }
}

function size(n: number | undefined, fallback: number): number {
  return typeof n === "number" && n > 0 ? n : fallback;
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
