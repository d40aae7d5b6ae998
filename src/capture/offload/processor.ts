import { StringDecoder } from "node:string_decoder";
import { EdgeText } from "../../journal/search-text.js";
import type { EncodedChunk } from "../../journal/store-types.js";

import { createRedactor } from "../../redact/redactor.js";
import type { KnownSecret, Redactor } from "../../redact/types.js";
import { createAnsibleParser } from "../ansible/parser.js";
import type { AnsibleSummary } from "../ansible/types.js";
import { type Schedule, unrefTimeout } from "../chunker.js";
import { FirstFailure } from "../first-failure.js";
import { IdleWatch } from "../idle-watch.js";
import type { StreamRedactor } from "../run-types.js";
import { ChunkPacker } from "./packer.js";

/** What a processor needs to know about one command's output. Plain data: it crosses threads. */
export interface ProcessorSpec {
  /** Known secret values for the redactor (patterns always apply). */
  secrets: KnownSecret[];
  /** Parse the output as Ansible's default callback. */
  ansible: boolean;
  /** Keep this many UTF-16 units of the redacted tail (for upgrade-check reports); 0 = none. */
  keepTail: number;
  /** ms since epoch the command started; chunk times are offsets from it. */
  startedAt: number;
}

/** What a processor reports when the output has ended. */
export interface ProcessedOutput {
  /** Raw bytes the command wrote. */
  rawBytes: number;
  /** Redacted UTF-8 bytes handed on as chunks. */
  bytes: number;
  /** Head and tail of the redacted text, for the search index. */
  indexText: string;
  summary: AnsibleSummary | null;
  tail: string;
  /** Why processing stopped early (the redactor or the chunk handler threw). */
  error?: string;
}

export interface OutputProcessor {
  /** Raw bytes as the command wrote them; `at` is when they arrived (ms since epoch). */
  write(bytes: Uint8Array, at: number): void;
  end(at: number): ProcessedOutput;
}

/**
 * Raw terminal bytes in, store-ready chunks out: decoded, redacted, packed, compressed, with
 * the Ansible summary, the tail and the search text kept on the side. The same code runs in the
 * output worker and, when no worker can be had, on the main thread. A failure anywhere (the
 * redactor, the chunk handler) is caught once, reported in `error`, and processing stops; the
 * command itself is never affected.
 */
export function createOutputProcessor(
  spec: ProcessorSpec,
  emit: (chunk: EncodedChunk) => void,
  opts: { schedule?: Schedule } = {},
): OutputProcessor {
  let clock = spec.startedAt;
  let rawBytes = 0;
  let bytes = 0;
  let tail = "";
  const failure = new FirstFailure();
  const edges = new EdgeText();
  const parser = spec.ansible ? createAnsibleParser() : null;
  const decoder = new StringDecoder("utf8");
  const guard = (fn: () => void): void => failure.run(fn);
  let redactor: StreamRedactor | undefined;
  guard(() => {
    redactor = redactorFor(spec.secrets).stream();
  });
  const packer = new ChunkPacker({
    emit: (chunk) =>
      guard(() => {
        bytes += chunk.bytes;
        emit(chunk);
      }),
    now: () => clock,
    startedAt: spec.startedAt,
    schedule: opts.schedule ?? unrefTimeout,
  });
  const take = (text: string): void => {
    if (text.length === 0) return;
    parser?.push(text);
    if (spec.keepTail > 0) tail = (tail + text).slice(-spec.keepTail);
    edges.add(text);
    packer.push(text);
  };
  const idle = new IdleWatch(opts.schedule ?? unrefTimeout, () =>
    guard(() => take((redactor as StreamRedactor).settle?.() ?? "")),
  );
  return {
    write(chunk, at) {
      idle.touch();
      clock = at;
      rawBytes += chunk.byteLength;
      const all = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      // Batches from the worker's host are large: decode them in pieces that stay small strings.
      for (let i = 0; i < all.length; i += DECODE_PIECE) {
        const piece = all.length <= DECODE_PIECE ? all : all.subarray(i, i + DECODE_PIECE);
        guard(() => take((redactor as StreamRedactor).push(decoder.write(piece))));
      }
    },
    end(at) {
      idle.stop();
      clock = at;
      guard(() => {
        const r = redactor as StreamRedactor;
        take(r.push(decoder.end()) + r.flush());
      });
      guard(() => packer.close());
      return {
        rawBytes,
        bytes,
        indexText: edges.text(),
        summary: parser ? parser.end() : null,
        tail,
        ...(failure.message !== undefined ? { error: failure.message } : {}),
      };
    },
  };
}

// A recorded shell hands every command the same list of secrets: build its matcher once.
const redactors = new WeakMap<KnownSecret[], Redactor>();
function redactorFor(secrets: KnownSecret[]): Redactor {
  let r = redactors.get(secrets);
  if (!r) {
    r = createRedactor(secrets);
    redactors.set(secrets, r);
  }
  return r;
}

// Bytes decoded at a time (strings stay well under V8's 128 KiB large-object size).
const DECODE_PIECE = 32 * 1024;
