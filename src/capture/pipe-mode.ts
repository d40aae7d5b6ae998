import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { closeSync, constants, mkdtempSync, openSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { drainSync } from "./pty-drain.js";
import {
  childAlreadySignalled,
  forwardSignals,
  signalProcess,
  takesDefaultAction,
} from "./run-signals.js";
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
  const pipes = makePipes();
  let child: ChildProcess;
  try {
    child = spawn(opts.argv[0] as string, opts.argv.slice(1), {
      cwd: opts.cwd,
      env: opts.env,
      // Sharing our descriptor keeps stdin exactly as it is (a terminal, a file, a pipe).
      stdio: [stdinFd ?? "pipe", pipes?.out.writeFd ?? "pipe", pipes?.err.writeFd ?? "pipe"],
    });
  } catch (err) {
    pipes?.dispose();
    throw err;
  }
  // the child holds its ends now; ours would keep its output from ever ending
  pipes?.closeWriteEnds();
  const outputs = [pipes?.out.read ?? child.stdout, pipes?.err.read ?? child.stderr] as Readable[];
  const cleanups: Array<() => void> = [];
  if (stdinFd === null && child.stdin) {
    child.stdin.on("error", () => {});
    opts.stdin.pipe(child.stdin);
    cleanups.push(() => opts.stdin.unpipe(child.stdin ?? undefined));
  }
  const broken = pipes ? closeLikePipe : closeLikePipeOverSocket(child);
  const out = relay(outputs[0] as Readable, opts.stdout, tap, broken);
  const err = relay(outputs[1] as Readable, opts.stderr, tap, broken);
  cleanups.push(out.dispose, err.dispose);
  cleanups.push(forwardSignals(source, (sig) => killQuietly(child, sig), childAlreadySignalled));
  return settle(child, outputs, [out, err]).finally(() => {
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

/** Closes our end of an output whose destination is gone; `err` is what the destination said. */
type Breaker = (from: Readable, err: NodeJS.ErrnoException) => void;

function relay(from: Readable, to: NodeJS.WriteStream, tap: RunTap, breakPipe: Breaker): Relay {
  // Our end closed (`stacklog run -- yes | head -1`): the child meets the broken pipe it would
  // meet without stacklog, and stacklog neither dies of it nor reads on forever.
  let broken = false;
  const ignore = (err: NodeJS.ErrnoException): void => {
    if (broken) return;
    broken = true;
    breakPipe(from, err);
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
    if (broken) return;
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
 * Resolves once the child exited and its outputs closed. If a background process it started keeps
 * them open, stop waiting after LINGER_MS without output (a shell would not wait for it).
 */
function settle(
  child: ChildProcess,
  outputs: readonly Readable[],
  relays: readonly Relay[],
): Promise<ChildOutcome> {
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const done = (outcome: ChildOutcome): void => {
      clearInterval(timer);
      resolve(outcome);
    };
    child.once("error", (err: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return;
      for (const o of outputs) o.destroy();
      done({ code: err.code === "EACCES" ? 126 : 127, signal: null, spawnError: err.message });
    });
    child.once("exit", (code, signal) => {
      let open = outputs.filter((o) => !o.closed).length;
      if (open === 0) return done({ code, signal });
      for (const o of outputs) {
        if (o.closed) continue;
        o.once("close", () => {
          if (--open === 0) done({ code, signal });
        });
      }
      timer = setInterval(() => {
        const idle = relays.every((r) => !r.paused && Date.now() - r.lastDataAt > LINGER_MS);
        if (idle) for (const o of outputs) o.destroy();
      }, LINGER_MS / 4);
      timer.unref();
    });
  });
}

interface PipeEnd {
  /** Our reading end. */
  read: net.Socket;
  /** The end the child writes to; ours is closed once it was handed over. */
  writeFd: number;
}

/**
 * Two pipes, for the child's stdout and stderr, or null when none can be made.
 *
 * Why not Node's 'pipe': it is a socketpair, and a socket does not break like a pipe. A pipe's
 * writer gets SIGPIPE, then EPIPE, at its next write once the reader is gone, also when it was
 * blocked on a full pipe; that is how `yes | head -1` ends with status 141. A socket closed with
 * unread data fails a write under way with ECONNRESET ("Connection reset by peer"), and a
 * writer blocked on a full socket gets EPIPE without SIGPIPE (net/unix/af_unix.c:
 * unix_release_sock, sock_alloc_send_pskb). Node makes no pipe(2) of its own, so each is a FIFO
 * made in a private temporary folder and removed as soon as both ends are open: closing our end
 * is then exactly what `head` does to a pipeline.
 */
function makePipes(): OutputPipes | null {
  let dir: string;
  try {
    dir = mkdtempSync(path.join(os.tmpdir(), "stacklog-pipes-"));
  } catch {
    return null;
  }
  const opened: PipeEnd[] = [];
  try {
    const names = [path.join(dir, "out"), path.join(dir, "err")];
    const made = spawnSync("mkfifo", ["-m", "600", ...names], { stdio: "ignore" });
    if (made.status !== 0) return null;
    for (const name of names) opened.push(openFifo(name));
    const [out, err] = opened as [PipeEnd, PipeEnd];
    const closeWriteEnds = (): void => {
      for (const end of opened) closeQuietly(end.writeFd);
    };
    return {
      out,
      err,
      closeWriteEnds,
      dispose: () => {
        closeWriteEnds();
        for (const end of opened) end.read.destroy();
      },
    };
  } catch {
    for (const end of opened) {
      closeQuietly(end.writeFd);
      end.read.destroy();
    }
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

interface OutputPipes {
  out: PipeEnd;
  err: PipeEnd;
  /** Closes our copies of the child's ends, once it holds its own. */
  closeWriteEnds(): void;
  /** Closes all, when the child could not be started. */
  dispose(): void;
}

/** Opens both ends of a FIFO: ours without waiting for a writer, the child's as a plain pipe. */
function openFifo(name: string): PipeEnd {
  const readFd = openSync(name, constants.O_RDONLY | constants.O_NONBLOCK);
  let writeFd = -1;
  try {
    // not O_NONBLOCK: the child shares this end's flags, and a pipe blocks its writer
    writeFd = openSync(name, constants.O_WRONLY);
    return { read: new net.Socket({ fd: readFd, readable: true, writable: false }), writeFd };
  } catch (err) {
    closeQuietly(readFd);
    if (writeFd >= 0) closeQuietly(writeFd);
    throw err;
  }
}

/** With pipes, our end closed is all a reader that went away does. */
function closeLikePipe(from: Readable): void {
  from.destroy();
}

/**
 * Where no pipe could be made (see `makePipes`) and the child writes to a socket: the child is
 * sent SIGPIPE at once when our output reported EPIPE and SIGPIPE would kill it (it would have
 * died at the write we could not pass on; with the signal pending it cannot see the socket
 * close), and the socket is emptied before it is closed, so that later writes get SIGPIPE and
 * EPIPE from the kernel rather than ECONNRESET. A writer blocked at that moment, or a process
 * the child started, may still see EPIPE alone or ECONNRESET.
 */
function closeLikePipeOverSocket(child: ChildProcess): Breaker {
  return (from, err) => {
    const pid = child.pid;
    const running = child.exitCode === null && child.signalCode === null;
    if (err.code === "EPIPE" && running && pid !== undefined && takesDefaultAction(pid, "SIGPIPE"))
      signalProcess(pid, "SIGPIPE");
    // node's private handle; without it the socket is only closed
    const fd = (from as { _handle?: { fd?: unknown } })._handle?.fd;
    if (typeof fd === "number" && fd >= 0) drainSync(fd, () => {}, 0);
    from.destroy();
  };
}

function killQuietly(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    child.kill(sig);
  } catch {
    // Already gone.
  }
}

function closeQuietly(fd: number): void {
  try {
    closeSync(fd);
  } catch {
    // Not open.
  }
}

function fdOf(stream: NodeJS.ReadStream): number | null {
  const fd = (stream as { fd?: unknown }).fd;
  return typeof fd === "number" ? fd : null;
}
