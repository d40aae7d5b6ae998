import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { decodeChunk } from "../../journal/output-codec.js";
import type { EncodedChunk } from "../../journal/store-types.js";
import type { KnownSecret } from "../../redact/index.js";
import { plantedSecrets } from "../../redact/test-corpus.js";
import { createOffloadTap, type OffloadTap, outputWorkerReady } from "./host.js";
import type { ProcessorSpec } from "./processor.js";

const corpus = plantedSecrets();
const secrets: KnownSecret[] = corpus.planted
  .filter((v) => !v.includes("\n"))
  .map((value, i) => ({ value, label: `planted:${i}` }));
const ansible = readFileSync(
  join(import.meta.dirname, "../../../test/fixtures/ansible/recorded/site-color-pty-profile.txt"),
);
// Ansible output with every planted secret in its usual context in the middle, then again;
// repeated past the size from which an output goes to the worker.
const once = Buffer.concat([
  ansible,
  Buffer.from(corpus.contexts.map((c) => c.line).join("\r\n")),
  Buffer.from(`\r\n${corpus.lookalikes.join("\r\n")}\r\n`),
  ansible,
]);
const stream = Buffer.concat(
  Array.from({ length: Math.ceil((600 * 1024) / once.length) }, () => once),
);

function spec(over: Partial<ProcessorSpec> = {}): ProcessorSpec {
  return { secrets, ansible: true, keepTail: 4096, startedAt: 1_000_000, ...over };
}

/** Feeds `bytes` in pieces of `piece` bytes and collects what comes out. */
async function feed(tap: OffloadTap, bytes: Buffer, piece: number, chunks: EncodedChunk[]) {
  for (let i = 0; i < bytes.length; i += piece) tap.write(bytes.subarray(i, i + piece));
  const result = await tap.end();
  const text = chunks.map((c) => decodeChunk(c.enc, Buffer.from(c.data)).toString("utf8"));
  return { result, text: text.join("") };
}

describe("output offload", () => {
  beforeAll(async () => {
    // Outputs that end before the worker is up are processed on this thread by design.
    expect(await outputWorkerReady()).toBe(true);
  });

  it("runs in a worker thread and gives exactly what the same work on this thread gives", async () => {
    const viaWorker: EncodedChunk[] = [];
    const worker = createOffloadTap({ spec: spec(), onChunk: (c) => viaWorker.push(c) });
    expect(worker.where).toBe("worker");
    const inlineChunks: EncodedChunk[] = [];
    const inline = createOffloadTap({
      spec: spec(),
      onChunk: (c) => inlineChunks.push(c),
      inline: true,
    });
    expect(inline.where).toBe("here");
    const a = await feed(worker, stream, 1000, viaWorker);
    expect(worker.where).toBe("worker");
    const b = await feed(inline, stream, 7, inlineChunks);
    expect(a.text).toBe(b.text);
    expect(a.result.rawBytes).toBe(stream.length);
    expect(a.result.bytes).toBe(Buffer.byteLength(a.text));
    expect(a.result.summary).toEqual(b.result.summary);
    expect(a.result.summary?.recap.length).toBeGreaterThan(0);
    expect(a.result.tail).toBe(a.text.slice(-4096));
    expect(a.result.indexText).toBe(b.result.indexText);
    expect(a.result.error).toBeUndefined();
  });

  it("stores no planted secret and keeps the look-alikes", async () => {
    const chunks: EncodedChunk[] = [];
    const { text, result } = await feed(
      createOffloadTap({ spec: spec(), onChunk: (c) => chunks.push(c) }),
      stream,
      4096,
      chunks,
    );
    for (const v of corpus.planted) {
      expect(text.includes(v), v).toBe(false);
      expect(result.indexText.includes(v), v).toBe(false);
      expect(result.tail.includes(v), v).toBe(false);
    }
    for (const l of corpus.lookalikes) expect(text).toContain(l);
    expect(text).toContain("[REDACTED planted:");
  });

  it("asks the producer to hold while too much is waiting, and lets it go once the worker caught up", async () => {
    let stored = 0;
    const tap = createOffloadTap({
      spec: spec({ ansible: false, keepTail: 0 }),
      onChunk: (c) => {
        stored += c.bytes;
      },
    });
    const line = Buffer.from(`${"x".repeat(1023)}\n`);
    let held = false;
    // Written in one go, so no acknowledgement can arrive in between.
    for (let i = 0; i < 20 * 1024 && !held; i++) held = !tap.write(line);
    expect(held).toBe(true);
    expect(tap.bytes).toBe(4 * 1024 * 1024);
    await new Promise<void>((resolve) => tap.onDrain(resolve));
    const result = await tap.end();
    expect(result.rawBytes).toBe(tap.bytes);
    expect(stored).toBe(tap.bytes);
  });

  it("finishes an output here when the command ends before the worker is up", async () => {
    vi.resetModules();
    const fresh = (await import("./host.js")) as typeof import("./host.js");
    const chunks: EncodedChunk[] = [];
    const tap = fresh.createOffloadTap({ spec: spec(), onChunk: (c) => chunks.push(c) });
    for (let i = 0; i < stream.length; i += 4096) tap.write(stream.subarray(i, i + 4096));
    expect(tap.where).toBe("worker");
    const ended = tap.end();
    // Already stored: no message from the (still starting) worker could have arrived yet.
    expect(chunks.length).toBeGreaterThan(0);
    expect((await ended).rawBytes).toBe(stream.length);
  });

  it("times each chunk from when its bytes arrived, not from when the worker got to them", async () => {
    let clock = 1_000_000;
    const chunks: EncodedChunk[] = [];
    const tap = createOffloadTap({
      spec: spec({ ansible: false }),
      onChunk: (c) => chunks.push(c),
      now: () => clock,
    });
    // Enough that the redactor's held-back tail (a possible secret's start) is a small part.
    tap.write(Buffer.from("first line\n".repeat(2000)));
    await new Promise((r) => setTimeout(r, 300));
    clock += 5_000;
    tap.write(Buffer.from("second line\n".repeat(2000)));
    await tap.end();
    expect(chunks.map((c) => c.t)).toEqual([0, 5_000]);
    expect(chunks[0]?.bytes).toBeGreaterThan(15_000);
  });

  it("ends open outputs with an error when the worker goes, and goes on without it", async () => {
    vi.resetModules();
    const fresh = (await import("./host.js")) as typeof import("./host.js");
    expect(await fresh.outputWorkerReady()).toBe(true);
    const chunks: EncodedChunk[] = [];
    const tap = fresh.createOffloadTap({ spec: spec(), onChunk: (c) => chunks.push(c) });
    for (let i = 0; i < stream.length; i += 4096) tap.write(stream.subarray(i, i + 4096));
    await fresh.stopOutputWorker();
    expect(tap.write(Buffer.from("after the worker went\n"))).toBe(true);
    const result = await tap.end();
    expect(result.error).toMatch(/output worker stopped: it was stopped/);
    expect(result.rawBytes).toBe(stream.length + 22);
    // Later outputs are processed on this thread, whole.
    const later: EncodedChunk[] = [];
    const next = fresh.createOffloadTap({ spec: spec(), onChunk: (c) => later.push(c) });
    const { text } = await feed(next, Buffer.from("still recorded\n"), 4, later);
    expect(next.where).toBe("here");
    expect(text).toBe("still recorded\n");
  });
});
