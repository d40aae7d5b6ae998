import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { EncodedChunk } from "../../journal/store-types.js";
import {
  createOutputProcessor,
  type OutputProcessor,
  type ProcessedOutput,
  type ProcessorSpec,
} from "./processor.js";
import type { ToHost, ToWorker } from "./protocol.js";

/**
 * Raw output in, store-ready chunks out, with the work done in the output worker when one can
 * be had. The producer (the thread copying a command's output to the terminal) only batches
 * bytes and posts them; `write` returning false asks it to hold the command until `onDrain`.
 */
export interface OffloadTap {
  write(bytes: Buffer): boolean;
  onDrain(fn: () => void): void;
  /** Resolves once every chunk has been handed to `onChunk`; never rejects. */
  end(): Promise<ProcessedOutput>;
  /** Raw bytes written so far. */
  readonly bytes: number;
  /**
   * Where the work is done: "worker", or "here" (on this thread: `inline`, no worker could be
   * started, or the command ended before the worker was up).
   */
  readonly where: "worker" | "here";
}

export interface OffloadOptions {
  spec: ProcessorSpec;
  onChunk: (chunk: EncodedChunk) => void;
  now?: () => number;
  /** Process on this thread (see `outputWorkerWanted`). */
  inline?: boolean;
}

// The worker is joined once a command has run this long (or written BATCH bytes).
const WORKER_AFTER_MS = 50;
// Bytes are posted FLUSH_MS after the first of them arrived, or as soon as BATCH are waiting:
// a terminal delivers a few KiB per read, and a message per read costs more than the copy.
const FLUSH_MS = 10;
const BATCH = 256 * 1024;
// Hold the command while this much is posted and not yet processed; let it go below LOW.
// Each posted byte is held twice (raw, then decoded) until processed: keep it small.
const HIGH = 4 * 1024 * 1024;
const LOW = 1024 * 1024;

/**
 * Whether a command's output should go to the worker: `STACKLOG_OUTPUT_WORKER=1` or `0` decide;
 * otherwise only with 4 or more CPUs. On 2 CPUs the worker measured 10-20% slower than doing
 * the work on the main thread (`bench/run-throughput.ts`, docs/performance.md): the kernel's
 * side of two terminals already keeps one CPU busy, and a third busy thread only competes.
 */
export function outputWorkerWanted(env: Record<string, string | undefined>): boolean {
  if (env.STACKLOG_OUTPUT_WORKER === "1") return true;
  if (env.STACKLOG_OUTPUT_WORKER === "0") return false;
  return availableParallelism() >= 4;
}

export function createOffloadTap(opts: OffloadOptions): OffloadTap {
  const now = opts.now ?? Date.now;
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let pendingAt = 0;
  // Batches not yet handed over: posted once the worker is ready, or processed here if the
  // command ends first (a short command never waits for a worker to start).
  let waiting: Array<{ buf: Buffer; at: number }> = [];
  let waitingLen = 0;
  let inFlight = 0;
  let scheduled = false;
  let failure: string | undefined;
  let drainers: Array<() => void> = [];
  let finish: ((r: ProcessedOutput) => void) | null = null;
  let result: ProcessedOutput | null = null;
  let host: Host | null = null;
  let id = 0;
  let here: OutputProcessor | null = null;

  const held = (): number => inFlight + pendingLen + waitingLen;
  const release = (): void => {
    const fns = drainers;
    drainers = [];
    for (const fn of fns) fn();
  };
  const settle = (r: ProcessedOutput): void => {
    result = r;
    host?.close(id);
    finish?.(r);
    release();
  };
  const post = (buf: Buffer, at: number): void => {
    inFlight += buf.length;
    host?.post({ op: "data", id, bytes: buf, at }, [buf.buffer as ArrayBuffer]);
  };
  /** From now on the work is done on this thread. */
  const runHere = (): OutputProcessor => {
    if (!here) {
      here = createOutputProcessor(opts.spec, opts.onChunk);
      for (const w of waiting) here.write(w.buf, w.at);
      waiting = [];
      waitingLen = 0;
    }
    return here;
  };
  /** Hands the output to the worker, starting it if need be (on this thread if there is none). */
  const attach = (): void => {
    if (timer) clearTimeout(timer);
    timer = null;
    host = sharedHost();
    if (!host) {
      runHere();
      return;
    }
    id = host.open(opts.spec, {
      chunk: (c) => {
        if (failure === undefined) opts.onChunk(c);
      },
      ack: (n) => {
        inFlight -= n;
        if (held() < LOW) release();
      },
      ended: settle,
      failed: (reason) => {
        failure = reason;
        settle({
          rawBytes: bytes,
          bytes: 0,
          indexText: "",
          summary: null,
          tail: "",
          error: `output worker stopped: ${reason}`,
        });
      },
    });
    host.whenReady(() => {
      if (result) return;
      for (const w of waiting) post(w.buf, w.at);
      waiting = [];
      waitingLen = 0;
    });
  };
  // The worker is started (or joined) once the command has run a moment or written a batch, so
  // that the output is stored while the command runs; it starts in parallel with the command.
  // A command that ends before is finished here and never costs a thread.
  let timer: NodeJS.Timeout | null = null;
  if (opts.inline) runHere();
  else {
    timer = setTimeout(() => {
      timer = null;
      if (!host && !here && !result) attach();
    }, WORKER_AFTER_MS);
    timer.unref();
  }

  const flush = (): void => {
    scheduled = false;
    if (pendingLen === 0 || result) return;
    // A buffer of its own, so that it can be handed to the worker without a copy.
    const batch = Buffer.allocUnsafeSlow(pendingLen);
    let off = 0;
    for (const b of pending) off += b.copy(batch, off);
    pending = [];
    pendingLen = 0;
    if (here) here.write(batch, pendingAt);
    else if (host?.ready) post(batch, pendingAt);
    else {
      waiting.push({ buf: batch, at: pendingAt });
      waitingLen += batch.length;
      if (!host && waitingLen >= BATCH) attach();
    }
  };

  return {
    write(chunk) {
      bytes += chunk.length;
      if (result) return true;
      if (here) {
        here.write(chunk, now());
        return true;
      }
      if (pendingLen === 0) pendingAt = now();
      pending.push(chunk);
      pendingLen += chunk.length;
      if (pendingLen >= BATCH) flush();
      else if (!scheduled) {
        scheduled = true;
        setTimeout(flush, FLUSH_MS).unref();
      }
      return held() < HIGH;
    },
    onDrain(fn) {
      if (result || held() < LOW) fn();
      else drainers.push(fn);
    },
    end() {
      if (timer) clearTimeout(timer);
      // After a failure, the bytes the command went on writing count too.
      if (result)
        return Promise.resolve(failure === undefined ? result : { ...result, rawBytes: bytes });
      flush();
      if (here || !host?.ready) {
        // The worker never got this output (or is not up yet): finish it here, now.
        if (host) host.post({ op: "end", id, at: now() });
        const r = runHere().end(now());
        settle(r);
        return Promise.resolve(r);
      }
      return new Promise((resolve) => {
        finish = resolve;
        host?.post({ op: "end", id, at: now() });
      });
    },
    get bytes() {
      return bytes;
    },
    get where() {
      return here ? "here" : "worker";
    },
  };
}

interface Handlers {
  chunk(c: EncodedChunk): void;
  ack(bytes: number): void;
  ended(r: ProcessedOutput): void;
  failed(reason: string): void;
}

/** One worker per process, shared by every output open at the time; it never keeps the process alive when idle. */
class Host {
  private readonly handlers = new Map<number, Handlers>();
  private nextId = 1;
  private broken: string | undefined;
  private readyFns: Array<() => void> = [];
  private failFns: Array<() => void> = [];
  /** The worker has loaded its code and takes data. */
  ready = false;

  constructor(private readonly worker: Worker) {
    worker.unref();
    worker.on("message", (m: ToHost) => this.dispatch(m));
    worker.on("error", (err) => this.fail(err.message));
    worker.on("exit", (code) => this.fail(`it exited with status ${code}`));
  }

  open(spec: ProcessorSpec, h: Handlers): number {
    const id = this.nextId++;
    this.handlers.set(id, h);
    if (this.handlers.size === 1) this.worker.ref();
    this.post({ op: "begin", id, spec });
    return id;
  }

  post(msg: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (this.broken !== undefined) return;
    this.worker.postMessage(msg, transfer);
  }

  async stop(): Promise<void> {
    this.fail("it was stopped");
    await this.worker.terminate();
  }

  /** Calls `fn` if the worker fails. */
  onFailure(fn: () => void): void {
    if (this.broken !== undefined) fn();
    else this.failFns.push(fn);
  }

  /** Calls `fn` once the worker is ready (at once if it is); never if it failed first. */
  whenReady(fn: () => void): void {
    if (this.ready) fn();
    else this.readyFns.push(fn);
  }

  close(id: number): void {
    if (this.handlers.delete(id) && this.handlers.size === 0) this.worker.unref();
  }

  private dispatch(m: ToHost): void {
    if (m.op === "ready") {
      this.ready = true;
      const fns = this.readyFns;
      this.readyFns = [];
      for (const fn of fns) fn();
      return;
    }
    const h = this.handlers.get(m.id);
    if (!h) return;
    if (m.op === "chunk") h.chunk(m.chunk);
    else if (m.op === "ack") h.ack(m.bytes);
    else h.ended(m.result);
  }

  private fail(reason: string): void {
    if (this.broken !== undefined) return;
    this.broken = reason;
    this.readyFns = [];
    if (shared === this) shared = null;
    const open = [...this.handlers.values()];
    this.handlers.clear();
    for (const h of open) h.failed(reason);
    for (const fn of this.failFns) fn();
    this.failFns = [];
  }
}

let shared: Host | null | undefined;

/** Starts the output worker now and resolves true once it takes data, false if there is none to be had. */
/**
 * Stops the output worker. Outputs still open end at once with an error (their capture stops;
 * the commands run on), and the rest of the process's outputs are processed on the main thread,
 * as after any failure of the worker.
 */
export async function stopOutputWorker(): Promise<void> {
  await shared?.stop();
}

export function outputWorkerReady(): Promise<boolean> {
  const host = sharedHost();
  if (!host) return Promise.resolve(false);
  return new Promise((resolve) => {
    host.whenReady(() => resolve(true));
    host.onFailure(() => resolve(false));
  });
}

// A small young generation: the worker's garbage is short-lived strings, and V8's default
// (tens of MB) would double stacklog's peak memory on a big output for no gain in speed.
const WORKER_OPTIONS = { resourceLimits: { maxYoungGenerationSizeMb: 4 } };

/** The process's output worker, started on first use; null when none can be started. */
function sharedHost(): Host | null {
  if (shared !== undefined) return shared;
  try {
    shared = new Host(startWorker());
  } catch {
    shared = null;
  }
  return shared;
}

/**
 * Built code runs worker.js. The sources (the test suite, `tsx`) have no worker.js: there the
 * worker's code is bundled into one script with esbuild (a development dependency) — a worker
 * does not inherit its parent's module hooks, and loading tsx into it would double its memory.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./worker.js", import.meta.url), WORKER_OPTIONS);
  const esbuild = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const built = esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL("./worker.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
  });
  return new Worker(built.outputFiles[0]?.text ?? "", { ...WORKER_OPTIONS, eval: true });
}
