import { Worker } from "node:worker_threads";
import type { EncodedChunk } from "../../journal/store-types.js";
import { createOutputProcessor, type ProcessedOutput, type ProcessorSpec } from "./processor.js";
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
  /** "worker" or "inline" (no worker could be started, or STACKLOG_OUTPUT_WORKER=0). */
  readonly where: "worker" | "inline";
}

export interface OffloadOptions {
  spec: ProcessorSpec;
  onChunk: (chunk: EncodedChunk) => void;
  now?: () => number;
  /** Process on this thread (tests, and STACKLOG_OUTPUT_WORKER=0). */
  inline?: boolean;
}

// Bytes are posted once per event-loop turn, or as soon as this many are waiting.
const BATCH = 256 * 1024;
// Hold the command while this much is posted and not yet processed; let it go below LOW.
const HIGH = 16 * 1024 * 1024;
const LOW = HIGH / 4;

export function createOffloadTap(opts: OffloadOptions): OffloadTap {
  const host = opts.inline ? null : sharedHost();
  return host ? workerTap(host, opts) : inlineTap(opts);
}

function inlineTap(opts: OffloadOptions): OffloadTap {
  const now = opts.now ?? Date.now;
  const p = createOutputProcessor(opts.spec, opts.onChunk);
  let bytes = 0;
  return {
    write(chunk) {
      bytes += chunk.length;
      p.write(chunk, now());
      return true;
    },
    onDrain() {},
    end: () => Promise.resolve(p.end(now())),
    get bytes() {
      return bytes;
    },
    where: "inline",
  };
}

function workerTap(host: Host, opts: OffloadOptions): OffloadTap {
  const now = opts.now ?? Date.now;
  let bytes = 0;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let pendingAt = 0;
  let inFlight = 0;
  let scheduled = false;
  let failure: string | undefined;
  let drainers: Array<() => void> = [];
  let finish: ((r: ProcessedOutput) => void) | null = null;
  let result: ProcessedOutput | null = null;

  const settle = (r: ProcessedOutput): void => {
    result = r;
    host.close(id);
    finish?.(r);
    release();
  };
  const release = (): void => {
    const fns = drainers;
    drainers = [];
    for (const fn of fns) fn();
  };
  const id = host.open(opts.spec, {
    chunk: (c) => {
      if (failure === undefined) opts.onChunk(c);
    },
    ack: (n) => {
      inFlight -= n;
      if (inFlight + pendingLen < LOW) release();
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

  const flush = (): void => {
    scheduled = false;
    if (pendingLen === 0 || result) return;
    // A buffer of its own, so that it can be handed to the worker without a copy.
    const batch = Buffer.allocUnsafeSlow(pendingLen);
    let off = 0;
    for (const b of pending) off += b.copy(batch, off);
    pending = [];
    inFlight += pendingLen;
    pendingLen = 0;
    host.post({ op: "data", id, bytes: batch, at: pendingAt }, [batch.buffer as ArrayBuffer]);
  };

  return {
    write(chunk) {
      bytes += chunk.length;
      if (result) return true;
      if (pendingLen === 0) pendingAt = now();
      pending.push(chunk);
      pendingLen += chunk.length;
      if (pendingLen >= BATCH) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
      return inFlight + pendingLen < HIGH;
    },
    onDrain(fn) {
      if (result || inFlight + pendingLen < LOW) fn();
      else drainers.push(fn);
    },
    end() {
      if (result) return Promise.resolve(result);
      flush();
      return new Promise((resolve) => {
        finish = resolve;
        host.post({ op: "end", id, at: now() });
      });
    },
    get bytes() {
      return bytes;
    },
    where: "worker",
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

  close(id: number): void {
    if (this.handlers.delete(id) && this.handlers.size === 0) this.worker.unref();
  }

  private dispatch(m: ToHost): void {
    const h = this.handlers.get(m.id);
    if (!h) return;
    if (m.op === "chunk") h.chunk(m.chunk);
    else if (m.op === "ack") h.ack(m.bytes);
    else h.ended(m.result);
  }

  private fail(reason: string): void {
    if (this.broken !== undefined) return;
    this.broken = reason;
    if (shared === this) shared = null;
    const open = [...this.handlers.values()];
    this.handlers.clear();
    for (const h of open) h.failed(reason);
  }
}

let shared: Host | null | undefined;

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
 * Built code runs worker.js. The sources (the test suite, `tsx`) run worker.ts, registering tsx's
 * loader inside the worker first: a worker does not inherit its parent's module hooks, and Node 20
 * ignores `--import` in a worker's execArgv.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith(".ts"))
    return new Worker(new URL("./worker.js", import.meta.url), WORKER_OPTIONS);
  const tsx = import.meta.resolve("tsx/esm/api");
  const entry = new URL("./worker.ts", import.meta.url).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { ...WORKER_OPTIONS, eval: true });
}
