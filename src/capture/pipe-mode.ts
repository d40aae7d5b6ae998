import { type ChildProcess, spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { childAlreadySignalled, forwardSignals } from "./run-signals.js";
import type { ChildOutcome, RunOptions, RunTap, SignalSource } from "./run-types.js";

/** How long to keep reading after the child exited while a background process holds its pipes. */
const LINGER_MS = 1000;

/**
 * Runs the command with its stdout and stderr piped through to ours (and, in arrival order, to
 * the tap), stdin shared, signals forwarded, and the exit status kept.
 */
export function runPipe(
  opts: RunOptions,
  tap: RunTap,
  source: SignalSource,
): Promise<ChildOutcome> {
  const stdinFd = fdOf(opts.stdin);
  const child = spawn(opts.argv[0] as string, opts.argv.slice(1), {
    cwd: opts.cwd,
    env: opts.env,
    // Sharing our descriptor keeps stdin exactly as it is (a terminal, a file, a pipe).
    stdio: [stdinFd ?? "pipe", "pipe", "pipe"],
  });
  const cleanups: Array<() => void> = [];
  if (stdinFd === null && child.stdin) {
    child.stdin.on("error", () => {});
    opts.stdin.pipe(child.stdin);
    cleanups.push(() => opts.stdin.unpipe(child.stdin ?? undefined));
  }
  const out = relay(child.stdout as Readable, opts.stdout, tap);
  const err = relay(child.stderr as Readable, opts.stderr, tap);
  cleanups.push(out.dispose, err.dispose);
  cleanups.push(forwardSignals(source, (sig) => killQuietly(child, sig), childAlreadySignalled));
  return settle(child, [out, err]).finally(() => {
    for (const undo of cleanups) undo();
  });
}

interface Relay {
  /** True while waiting for the destination to drain. */
  paused: boolean;
  /** Milliseconds-since-epoch of the last chunk. */
  lastDataAt: number;
  dispose(): void;
}

function relay(from: Readable, to: NodeJS.WriteStream, tap: RunTap): Relay {
  // Our stdout closed (`stacklog run yes | head`): close the child's pipe so it gets
  // SIGPIPE/EPIPE as it would without stacklog, instead of stacklog dying or reading forever.
  const ignore = (): void => {
    from.destroy();
  };
  // The pipe is held while our stdout or the capture cannot keep up, and let go when both can.
  let holds = 0;
  let outHeld = false;
  let tapHeld = false;
  const hold = (): void => {
    if (holds++ === 0) {
      state.paused = true;
      from.pause();
    }
  };
  const release = (): void => {
    if (--holds === 0) {
      state.paused = false;
      from.resume();
    }
  };
  const drained = (): void => {
    outHeld = false;
    release();
  };
  const state: Relay = {
    paused: false,
    lastDataAt: Date.now(),
    dispose: () => {
      to.off("error", ignore);
      to.off("drain", drained);
    },
  };
  to.on("error", ignore);
  from.on("data", (chunk: Buffer) => {
    state.lastDataAt = Date.now();
    if (!tap.write(chunk) && !tapHeld) {
      tapHeld = true;
      hold();
      tap.onDrain(() => {
        tapHeld = false;
        release();
      });
    }
    if (!to.write(chunk) && !outHeld) {
      outHeld = true;
      hold();
      to.once("drain", drained);
    }
  });
  return state;
}

/**
 * Resolves once the child exited and its pipes closed. If a background process it started keeps
 * the pipes open, stop waiting after LINGER_MS without output (a shell would not wait for it).
 */
function settle(child: ChildProcess, relays: Relay[]): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (outcome: ChildOutcome): void => {
      clearInterval(timer);
      resolve(outcome);
    };
    child.once("error", (err: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return;
      done({ code: err.code === "EACCES" ? 126 : 127, signal: null, spawnError: err.message });
    });
    child.once("close", (code, signal) => done({ code, signal }));
    child.once("exit", (code, signal) => {
      timer = setInterval(() => {
        const idle = relays.every((r) => !r.paused && Date.now() - r.lastDataAt > LINGER_MS);
        if (!idle) return;
        child.stdout?.destroy();
        child.stderr?.destroy();
        done({ code, signal });
      }, LINGER_MS / 4);
      timer.unref();
    });
  });
}

function killQuietly(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    child.kill(sig);
  } catch {
    // Already gone.
  }
}

function fdOf(stream: NodeJS.ReadStream): number | null {
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === "number" ? fd : null;
}
