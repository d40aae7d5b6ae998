import { describe, expect, it } from "vitest";
import { inTimeOrder, phaseAt } from "./timeline.js";
import type { JournalEvent } from "./types.js";

const ev = (seq: number, time: number, payload: JournalEvent["payload"]): JournalEvent =>
  ({
    id: `e${seq}`,
    seq,
    journalId: "j",
    time,
    actor: "a@h",
    terminal: null,
    phase: null,
    payload,
  }) as JournalEvent;
const begin = (seq: number, time: number, name: string) =>
  ev(seq, time, { kind: "phase", action: "begin", name });
const end = (seq: number, time: number, name: string) =>
  ev(seq, time, { kind: "phase", action: "end", name });

describe("inTimeOrder", () => {
  it("orders by time, then by the order stored, without touching its input", () => {
    const events = [
      begin(1, 100, "a"),
      begin(2, 300, "b"),
      begin(3, 200, "late"),
      begin(4, 300, "c"),
    ];
    expect(inTimeOrder(events).map((e) => e.seq)).toEqual([1, 3, 2, 4]);
    expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
  });
});

describe("phaseAt", () => {
  it("is the phase begun last at or before the time, none after its end", () => {
    const phases = [
      begin(1, 100, "prepare"),
      end(2, 200, "prepare"),
      begin(3, 200, "upgrade"),
      end(4, 400, "upgrade"),
    ];
    expect(phaseAt(phases, 50)).toBeNull();
    expect(phaseAt(phases, 150)).toBe("prepare");
    expect(phaseAt(phases, 200)).toBe("upgrade");
    expect(phaseAt(phases, 399)).toBe("upgrade");
    expect(phaseAt(phases, 500)).toBeNull();
  });
});
