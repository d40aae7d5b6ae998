import { encodeChunk } from "../../journal/output-codec.js";
import { EdgeText } from "../../journal/search-text.js";
import type { EncodedChunk } from "../../journal/store-types.js";

import { createRedactor } from "../../redact/redactor.js";
import type { KnownSecret } from "../../redact/types.js";
import { createAnsibleParser } from "../ansible/parser.js";
import type { AnsibleSummary } from "../ansible/types.js";
import type { Schedule } from "../chunker.js";
import { createCaptureTap } from "../run-tap.js";

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
 * Raw terminal bytes in, store-ready chunks out: decoded, redacted, coalesced, compressed, with
 * the Ansible summary, the tail and the search text kept on the side. The same code runs in the
 * output worker and, when no worker can be had, on the main thread.
 */
export function createOutputProcessor(
  spec: ProcessorSpec,
  emit: (chunk: EncodedChunk) => void,
  opts: { schedule?: Schedule } = {},
): OutputProcessor {
  let clock = spec.startedAt;
  let bytes = 0;
  let tail = "";
  const edges = new EdgeText();
  const parser = spec.ansible ? createAnsibleParser() : null;
  const redactor = createRedactor(spec.secrets);
  const tap = createCaptureTap({
    redact: () => redactor.stream(),
    sink: {
      output(text, t) {
        const raw = Buffer.from(text, "utf8");
        bytes += raw.length;
        parser?.push(text);
        if (spec.keepTail > 0) tail = (tail + text).slice(-spec.keepTail);
        edges.add(text);
        const { enc, data } = encodeChunk(raw);
        emit({ t, bytes: raw.length, enc, data });
      },
    },
    now: () => clock,
    startedAt: spec.startedAt,
    ...(opts.schedule ? { schedule: opts.schedule } : {}),
  });
  return {
    write(chunk, at) {
      clock = at;
      tap.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    },
    end(at) {
      clock = at;
      tap.end();
      return {
        rawBytes: tap.bytes,
        bytes,
        indexText: edges.text(),
        summary: parser ? parser.end() : null,
        tail,
        ...(tap.error !== undefined ? { error: tap.error } : {}),
      };
    },
  };
}
