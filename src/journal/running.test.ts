import { describe, expect, it } from "vitest";
import { deferAfterEach, tempStore } from "../../test/fixtures/journal/support.js";
import type { RunningCommand } from "./index.js";

const defer = deferAfterEach();

function running(journalId: string, over: Partial<RunningCommand>): RunningCommand {
  return {
    eventId: "EVT-RUN",
    journalId,
    line: "kayobe overcloud service upgrade",
    argv: ["kayobe", "overcloud", "service", "upgrade"],
    cwd: "/home/stack",
    user: "stack",
    mode: "pty",
    startedAt: 1_700_000_000_000,
    pid: 4242,
    host: "deploy-1",
    outputId: null,
    actor: "stack@deploy-1",
    terminal: "pts/3",
    phase: "upgrade",
    ...over,
  };
}

function setup() {
  const t = tempStore();
  defer(t.done);
  const j = t.store.createJournal({ title: "running" });
  return { ...t, j };
}

describe("in-flight commands", () => {
  it("lists running commands until they finish", () => {
    const { store, j } = setup();
    const r = running(j.id, {});
    store.markRunning(r);
    expect(store.listRunning(j.id)).toEqual([r]);
    store.finishRunning(r.eventId);
    expect(store.listRunning(j.id)).toEqual([]);
  });

  it("turns a dead recorder's command into an interrupted event with its output so far", () => {
    const { store, j } = setup();
    const w = store.beginOutput();
    w.write("TASK [Upgrade nova]\n", 0);
    w.write("ok: [compute-01]\n", 100);
    store.markRunning(running(j.id, { outputId: w.id }));
    store.markRunning(running(j.id, { eventId: "EVT-ALIVE", pid: 1 }));
    store.markRunning(running(j.id, { eventId: "EVT-OTHER-HOST", host: "deploy-2" }));
    const asked: [number, string][] = [];
    const reaped = store.reapStale((pid, host) => {
      asked.push([pid, host]);
      return pid === 1;
    }, "deploy-1");
    expect(asked).toEqual([
      [4242, "deploy-1"],
      [1, "deploy-1"],
    ]);
    expect(reaped).toHaveLength(1);
    expect(reaped[0]).toMatchObject({
      id: "EVT-RUN",
      seq: 1,
      time: 1_700_000_000_000,
      phase: "upgrade",
      payload: {
        kind: "command",
        interrupted: true,
        exitStatus: null,
        outputId: w.id,
        outputBytes: 37,
      },
    });
    expect(
      store
        .readOutput(w.id)
        .map((c) => c.data)
        .join(""),
    ).toBe("TASK [Upgrade nova]\nok: [compute-01]\n");
    expect(store.search("compute")).toHaveLength(1);
    expect(store.listRunning(j.id).map((r) => r.eventId)).toEqual(["EVT-ALIVE", "EVT-OTHER-HOST"]);
    expect(store.reapStale(() => false, "deploy-1").map((e) => e.id)).toEqual(["EVT-ALIVE"]);
  });
});
