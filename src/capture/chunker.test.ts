import { describe, expect, it } from "vitest";
import { createChunker, type Schedule, slices } from "./chunker.js";

function manualClock() {
  const timers: Array<() => void> = [];
  let t = 1000;
  const schedule: Schedule = (fn) => {
    timers.push(fn);
    return () => timers.splice(timers.indexOf(fn) >>> 0, 1);
  };
  return {
    now: () => t,
    advance: (ms: number) => {
      t += ms;
    },
    fire: () => {
      for (const fn of timers.splice(0)) fn();
    },
    schedule,
    pending: () => timers.length,
  };
}

/** A chunker on a manual clock, collecting each chunk with its offset. */
function clockedChunker(startedAt: number) {
  const clock = manualClock();
  const out: Array<[string, number]> = [];
  const c = createChunker({
    emit: (s, t) => out.push([s, t]),
    now: clock.now,
    startedAt,
    schedule: clock.schedule,
  });
  return { clock, out, c };
}

describe("createChunker", () => {
  it("starts a new chunk for text that arrived too late by the clock, even with no timer run", () => {
    const { clock, out, c } = clockedChunker(1000);
    c.push("early ");
    clock.advance(150);
    c.push("still early ");
    clock.advance(60);
    c.push("late");
    c.close();
    expect(out).toEqual([
      ["early still early ", 0],
      ["late", 210],
    ]);
  });

  it("coalesces many small pieces into one chunk stamped with the first piece's offset", () => {
    const { clock, out, c } = clockedChunker(900);
    clock.advance(5);
    for (const ch of "hello world") c.push(ch);
    clock.advance(50);
    c.push("!");
    expect(out).toEqual([]);
    clock.fire();
    expect(out).toEqual([["hello world!", 105]]);
  });

  it("flushes as soon as the size limit is reached, never emitting a longer chunk", () => {
    const clock = manualClock();
    const out: string[] = [];
    const c = createChunker({
      emit: (s) => out.push(s),
      now: clock.now,
      startedAt: 0,
      maxChars: 4,
      schedule: clock.schedule,
    });
    c.push("ab");
    c.push("cdefghij");
    expect(out).toEqual(["abcd", "efgh", "ij"]);
    expect(clock.pending()).toBe(0);
  });

  it("emits the rest on close and ignores pieces after it", () => {
    const clock = manualClock();
    const out: string[] = [];
    const c = createChunker({
      emit: (s) => out.push(s),
      now: clock.now,
      startedAt: 0,
      schedule: clock.schedule,
    });
    c.push("tail");
    c.close();
    c.push("late");
    clock.fire();
    expect(out).toEqual(["tail"]);
  });

  it("starts a new age window after each flush", () => {
    const { clock, out, c } = clockedChunker(1000);
    c.push("a");
    clock.fire();
    clock.advance(300);
    c.push("b");
    clock.fire();
    expect(out).toEqual([
      ["a", 0],
      ["b", 300],
    ]);
  });
});

describe("slices", () => {
  it("never splits a surrogate pair", () => {
    const parts = slices("ab𝄞cd", 3);
    expect(parts).toEqual(["ab", "𝄞c", "d"]);
    expect(parts.join("")).toBe("ab𝄞cd");
  });
});
