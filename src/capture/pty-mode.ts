import { type IPty, spawn } from "node-pty";
import { drainBeforeClose } from "./pty-drain.js";
import { enterRawMode, suspendsOn } from "./pty-raw-mode.js";
import {
  foregroundGroup,
  forwardSignals,
  groupMembers,
  inForeground,
  isStopped,
  stopOwnJob,
  takesDefaultAction,
} from "./run-signals.js";
import type { ChildOutcome, RunOptions, RunTap, SignalSource } from "./run-types.js";

const EOF_CHAR = "\x04";
/** Ctrl-Z, the suspend character a terminal starts with. */
const SUSPEND_KEY = 0x1a;
const SUSPEND_CHAR = String.fromCharCode(SUSPEND_KEY);

/**
 * What node-pty said, trimmed, when the system gave it no pseudo-terminal (forkpty or openpty
 * failed); null for any other failure.
 */
export function noPtyReason(err: unknown): string | null {
  const message = err instanceof Error ? err.message : String(err);
  return /\b(forkpty|openpty|posix_openpt)\b/.test(message) ? message.replace(/\.$/, "") : null;
}

type Listener = Parameters<NodeJS.EventEmitter["on"]>[1];

/** The operator's terminal as a run holds it, and lets go of it while stopped. */
interface OperatorTerminal {
  /** Gives it back as it was (not raw, stdin not read), while the job is stopped. */
  release(): void;
  /** Takes it again (raw, stdin read), once the job is in the foreground again. */
  take(): void;
}

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
  let restoreMode = enterRawMode(opts.stdin, opts.stdout, source);
  let held = true;
  const terminal: OperatorTerminal = {
    release: () => {
      held = false;
      restoreMode();
      opts.stdin.pause();
    },
    take: () => {
      held = true;
      restoreMode = enterRawMode(opts.stdin, opts.stdout, source);
      opts.stdin.resume();
    },
  };
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
    return await supervise(child, opts, tap, source, terminal);
  } finally {
    restoreMode();
    if (!held && !inForeground()) letGoOfStdin(opts.stdin);
  }
}

/**
 * For a run that ended in the background (`bg`): at exit Node puts back the terminal mode that
 * raw mode replaced, with a tcsetattr that stops a background process with SIGTTOU (libuv's
 * uv_tty_reset_mode, unlike Node's own reset of stdio, does not block SIGTTOU; see
 * https://github.com/libuv/libuv/pull/4399 and ResetStdio in Node's src/node.cc), and the job
 * would show as stopped after its command ended. libuv keeps the descriptor of stdin's handle
 * for that; closing the handle leaves it nothing to write to (libuv 1.46, Node 20).
 */
function letGoOfStdin(stdin: NodeJS.ReadStream): void {
  try {
    stdin.destroy();
  } catch {
    // Closed already.
  }
}

function supervise(
  child: IPty,
  opts: RunOptions,
  tap: RunTap,
  source: SignalSource,
  terminal: OperatorTerminal,
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

  const jobs = followJobControl(child, source, terminal, stdout);
  cleanups.push(jobs.dispose);
  on(stdin, "data", (chunk: Buffer | string) => {
    jobs.typed(chunk);
    child.write(chunk);
  });
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

/**
 * Job control as transparent as Ctrl-C. When the command's job stops, stacklog gives the
 * operator's terminal back as it found it and stops its own job, so that the operator's shell
 * prompts again; once continued in the foreground (`fg`) it takes the terminal again, passes on a
 * size changed meanwhile and continues the command; after `bg` the command runs on and the
 * terminal stays the shell's until `fg`. SIGTSTP sent to stacklog (`kill -TSTP`) stops the
 * command's job as Ctrl-Z does.
 *
 * The kernel does not stop the command itself: node-pty starts it as the leader of a session of
 * its own, so its process group has no parent in its session and is "orphaned", and the kernel
 * discards SIGTSTP (and SIGTTIN, SIGTTOU) there, from the terminal or from kill (POSIX,
 * "orphaned process group"; Linux get_signal). So stacklog does what the kernel would do for a
 * job under a shell: when Ctrl-Z is typed and the command's terminal turns it into SIGTSTP (not
 * in a full-screen program, which reads the key itself), and when SIGTSTP is sent to stacklog,
 * the processes of the terminal's foreground group that SIGTSTP would stop get SIGSTOP, which
 * works there. A job of a shell run by stacklog (`stacklog run -- bash`) has its own group, not
 * orphaned: the kernel stops it and that shell prompts. A program that catches SIGTSTP to stop
 * itself (less, vim) cannot: it sees the signal, and the kernel discards the SIGTSTP it then
 * sends itself, so it carries on.
 *
 * A stop is seen by the SIGCHLD the kernel sends the parent when its child stops (node-pty
 * reports exits only), confirmed in /proc. So any stop of the command counts, as for a shell
 * (`kill -STOP`, a shell's `suspend`), and nothing is done while it runs. The shell reports the
 * job as "Stopped" whatever stopped the command: stacklog stops with SIGTSTP.
 */
function followJobControl(
  child: IPty,
  source: SignalSource,
  terminal: OperatorTerminal,
  stdout: NodeJS.WriteStream,
): { typed(chunk: Buffer | string): void; dispose(): void } {
  let released = false;
  const continued = (): void => {
    if (released && inForeground()) {
      released = false;
      terminal.take();
      // the window may have changed while stopped; its SIGWINCH went to the shell
      refreshSize(stdout);
    }
    signalGroup(child.pid, "SIGCONT");
  };
  const childChanged = (): void => {
    if (!isStopped(child.pid)) return;
    if (!released) terminal.release();
    released = true;
    stopOwnJob(source, suspendSent);
    continued();
  };
  const suspendSent = (): void => {
    const fg = foregroundGroup(child.pid);
    if (fg === null) return;
    // programs that catch it (to restore the screen first) get it as from the terminal
    signalGroup(fg, "SIGTSTP");
    if (fg === child.pid) stopWhatSuspendStops(fg);
  };
  source.on("SIGCHLD", childChanged);
  source.on("SIGCONT", continued);
  source.on("SIGTSTP", suspendSent);
  return {
    // looked at before the key reaches the terminal, which may give the foreground to a shell
    typed: (chunk) => {
      const key =
        typeof chunk === "string" ? chunk.includes(SUSPEND_CHAR) : chunk.includes(SUSPEND_KEY);
      if (!key) return;
      if (foregroundGroup(child.pid) !== child.pid) return;
      const fd = (child as { fd?: unknown }).fd; // node-pty's master side
      if (typeof fd === "number" && suspendsOn(fd, SUSPEND_KEY)) stopWhatSuspendStops(child.pid);
    },
    dispose: () => {
      source.off("SIGCHLD", childChanged);
      source.off("SIGCONT", continued);
      source.off("SIGTSTP", suspendSent);
    },
  };
}

/** Stops the processes of the orphaned group `pgrp` that SIGTSTP would stop elsewhere. */
function stopWhatSuspendStops(pgrp: number): void {
  for (const pid of groupMembers(pgrp)) {
    if (!takesDefaultAction(pid, "SIGTSTP")) continue;
    try {
      process.kill(pid, "SIGSTOP");
    } catch {
      // Gone meanwhile.
    }
  }
}

/**
 * Reads our terminal's size again; a change emits 'resize', which resizes the child (and is
 * recorded). Uses Node's private tty.WriteStream#_refreshSize, what its own SIGWINCH handler
 * calls (lib/tty.js); without it the size stays as last known.
 */
function refreshSize(stdout: NodeJS.WriteStream): void {
  try {
    (stdout as { _refreshSize?: () => void })._refreshSize?.();
  } catch {
    // Not a terminal any more.
  }
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
