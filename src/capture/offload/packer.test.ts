import { describe, expect, it } from "vitest";
import { decodeChunk } from "../../journal/output-codec.js";
import type { EncodedChunk } from "../../journal/store-types.js";
import { CHUNK_BYTES, ChunkPacker } from "./packer.js";

function packer(clock: { now: number }, timers: Array<() => void> = []) {
  const chunks: EncodedChunk[] = [];
  const p = new ChunkPacker({
    emit: (c) => chunks.push(c),
    now: () => clock.now,
    startedAt: 1000,
    schedule: (fn) => {
      timers.push(fn);
      return () => {
        const i = timers.indexOf(fn);
        if (i >= 0) timers.splice(i, 1);
      };
    },
  });
  const texts = () => chunks.map((c) => decodeChunk(c.enc, Buffer.from(c.data)).toString("utf8"));
  return { p, chunks, texts };
}

describe("ChunkPacker", () => {
  it("hands on chunks of at most 256 KiB that join up to the text, each with its byte count", () => {
    const clock = { now: 1000 };
    const { p, chunks, texts } = packer(clock);
    const line = "ok: [controller01] => (item=nova-api) é ✓ 𝄞\r\n";
    let all = "";
    for (let i = 0; i < 20_000; i++) {
      p.push(line);
      all += line;
    }
    p.close();
    expect(texts().join("")).toBe(all);
    expect(chunks.length).toBeGreaterThan(3);
    for (const c of chunks) expect(c.bytes).toBeLessThanOrEqual(CHUNK_BYTES + 3 * 32 * 1024);
    expect(chunks.reduce((n, c) => n + c.bytes, 0)).toBe(Buffer.byteLength(all));
    expect(chunks.some((c) => c.enc === 1)).toBe(true);
  });

  it("keeps plain chunks whole although its buffer is reused", () => {
    const clock = { now: 1000 };
    const { p, texts } = packer(clock);
    p.push("first");
    p.flush();
    p.push("SECOND");
    p.flush();
    expect(texts()).toEqual(["first", "SECOND"]);
  });

  it("never splits a surrogate pair between pushes or chunks", () => {
    const clock = { now: 1000 };
    const { p, texts } = packer(clock);
    const clef = "𝄞";
    p.push(`a${clef[0]}`);
    p.push(`${clef[1]}b`);
    p.close();
    expect(texts().join("")).toBe(`a${clef}b`);
    const big = "x".repeat(40_000) + clef.repeat(10);
    const second = packer(clock);
    second.p.push(big);
    second.p.close();
    expect(second.texts().join("")).toBe(big);
  });

  it("times a chunk by its first text and starts a new one when text comes 200 ms later", () => {
    const clock = { now: 1050 };
    const timers: Array<() => void> = [];
    const { p, chunks } = packer(clock, timers);
    p.push("one ");
    clock.now = 1100;
    p.push("two ");
    clock.now = 1300;
    p.push("three");
    p.close();
    expect(chunks.map((c) => c.t)).toEqual([50, 300]);
  });

  it("hands on pending text when its timer fires, with no more text coming", () => {
    const clock = { now: 1000 };
    const timers: Array<() => void> = [];
    const { p, texts } = packer(clock, timers);
    p.push("waiting");
    expect(texts()).toEqual([]);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(texts()).toEqual(["waiting"]);
  });
});
