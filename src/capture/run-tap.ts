import { StringDecoder } from "node:string_decoder";
import { createChunker, type Schedule, unrefTimeout } from "./chunker.js";
import { FirstFailure } from "./first-failure.js";
import { IdleWatch } from "./idle-watch.js";
import type { CaptureSink, RunTap, StreamRedactor } from "./run-types.js";

/** The capture side of a run: raw bytes in, decoded + redacted + coalesced text out to the sink. */
export interface CaptureTap {
  /** Always true: the tap works as it is written to. */
  write(bytes: Buffer): boolean;
  /** Calls `fn` at once (the tap never asks to hold the producer). */
  onDrain(fn: () => void): void;
  /** Flushes the decoder, the redactor and the chunker. */
  end(): void;
  /** Raw bytes the child wrote. */
  readonly bytes: number;
  /** Why capture stopped (the sink or the redactor threw); undefined while it works. */
  readonly error: string | undefined;
}

export interface TapOptions {
  redact: () => StreamRedactor;
  sink: CaptureSink;
  now: () => number;
  startedAt: number;
  schedule?: Schedule;
}

/**
 * Builds the capture tap. A failure anywhere in capture (redactor, sink) is caught once,
 * recorded in `error`, and capture stops; the command itself is never affected.
 */
export function createCaptureTap(opts: TapOptions): CaptureTap {
  let bytes = 0;
  const failure = new FirstFailure();
  const decoder = new StringDecoder("utf8");
  const guard = (fn: () => void): void => failure.run(fn);
  let redactor: StreamRedactor | undefined;
  guard(() => {
    redactor = opts.redact();
  });
  const chunker = createChunker({
    emit: (chunk, t) => guard(() => opts.sink.output(chunk, t)),
    now: opts.now,
    startedAt: opts.startedAt,
    ...(opts.schedule ? { schedule: opts.schedule } : {}),
  });

  const idle = new IdleWatch(opts.schedule ?? unrefTimeout, () =>
    guard(() => chunker.push((redactor as StreamRedactor).settle?.() ?? "")),
  );

  return {
    write(chunk) {
      idle.touch();
      bytes += chunk.length;
      guard(() => chunker.push((redactor as StreamRedactor).push(decoder.write(chunk))));
      return true;
    },
    onDrain(fn) {
      fn();
    },
    end() {
      idle.stop();
      guard(() => {
        const r = redactor as StreamRedactor;
        chunker.push(r.push(decoder.end()) + r.flush());
      });
      guard(() => chunker.close());
    },
    get bytes() {
      return bytes;
    },
    get error() {
      return failure.message;
    },
  };
}

/** For a hidden command: its bytes are counted and nothing else is kept. */
export function countingTap(): RunTap {
  let bytes = 0;
  return {
    write(b) {
      bytes += b.length;
      return true;
    },
    onDrain: (fn) => fn(),
    end() {},
    get bytes() {
      return bytes;
    },
    get error() {
      return undefined;
    },
  };
}
