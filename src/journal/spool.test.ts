import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  collect,
  deferAfterEach,
  note,
  startFixture,
  tempDir,
  tempStore,
  waitForLine,
} from "../../test/fixtures/journal/support.js";
import {
  createSpool,
  drainSpool,
  type RunningCommand,
  type SpoolRecord,
  spooledCount,
} from "./index.js";

const defer = deferAfterEach();

function setup() {
  const t = tempStore();
  const s = tempDir();
  defer(t.done, s.done);
  return { ...t, dir: s.dir };
}

/** The pid of a process that has certainly ended. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(r.stdout.toString());
}

function ids(...list: string[]): () => string {
  return () => list.shift() ?? "01ZZZZZZZZZZZZZZZZZZZZZZZZ";
}

const JOURNAL: SpoolRecord = {
  type: "journal",
  journal: { id: "J1", title: "spooled upgrade", createdAt: 5 },
};

function commandRecord(outputId: string): SpoolRecord {
  return {
    type: "event",
    event: {
      ...note("J1", ""),
      id: "EV-CMD",
      payload: {
        kind: "command",
        line: "kolla-ansible upgrade",
        argv: null,
        cwd: "/",
        host: "h",
        user: "u",
        mode: "pty",
        startedAt: 1,
        endedAt: 2,
        durationMs: 1,
        exitStatus: 0,
        signal: null,
        outputId,
        outputBytes: 20,
      },
    },
  };
}

function running(pid: number, outputId: string): RunningCommand {
  return {
    eventId: "EV-RUN",
    journalId: "J1",
    line: "kolla-ansible upgrade",
    argv: null,
    cwd: "/",
    user: "u",
    mode: "pty",
    startedAt: 1,
    pid,
    host: "h",
    outputId,
    actor: "u@h",
    terminal: null,
    phase: null,
  };
}

describe("spool", () => {
  it("stores spooled journals, events and output, deletes the file, and replays idempotently", () => {
    const { store, dir } = setup();
    const records: SpoolRecord[] = [
      JOURNAL,
      { type: "event", event: note("J1", "store was locked", { id: "EV-1" }) },
      { type: "output", outputId: "OUT-1", index: 0, t: 0, data: "TASK [keystone]\n" },
      { type: "output", outputId: "OUT-1", index: 1, t: 9, data: "ok: [x]\n" },
      { type: "output-end", outputId: "OUT-1" },
      commandRecord("OUT-1"),
    ];
    for (let round = 0; round < 2; round++) {
      const spool = createSpool(dir);
      for (const r of records) spool.append(r);
      spool.close();
      expect(spooledCount(dir)).toBe(6);
      expect(drainSpool(dir, store)).toEqual({
        files: 1,
        stored: 6,
        dropped: 0,
        left: 0,
        rejected: 0,
        waitingFor: [],
      });
      expect(spooledCount(dir)).toBe(0);
    }
    expect(store.events("J1").map((e) => [e.seq, e.id])).toEqual([
      [1, "EV-1"],
      [2, "EV-CMD"],
    ]);
    expect(store.readOutput("OUT-1")).toEqual([
      { t: 0, data: "TASK [keystone]\n" },
      { t: 9, data: "ok: [x]\n" },
    ]);
    expect(store.search("keystone").map((h) => h.field)).toEqual(["output"]);
  });

  it("gives spooled events an id when they lack one, so a replay cannot duplicate them", () => {
    const { dir } = setup();
    const spool = createSpool(dir, {
      ids: ids("01HAAAAAAAAAAAAAAAAAAAAAAA", "01HBBBBBBBBBBBBBBBBBBBBBBB"),
    });
    spool.append({ type: "event", event: note("J1", "no id") });
    spool.close();
    const files = readdirSync(join(dir, "spool"));
    expect(files).toEqual([expect.stringMatching(/-01HAAAAAAAAAAAAAAAAAAAAAAA\.closed\.jsonl$/)]);
  });

  it("drops a torn last line left by a writer killed mid-line", () => {
    const { store, dir } = setup();
    store.createJournal({ id: "J1", title: "t" });
    const spool = createSpool(dir, { pid: deadPid() });
    spool.append({ type: "event", event: note("J1", "one", { id: "E1" }) });
    spool.append({ type: "event", event: note("J1", "two", { id: "E2" }) });
    appendFileSync(spool.path, '{"type":"event","event":{"journalId":"J1","ti');
    expect(spooledCount(dir)).toBe(2);
    expect(drainSpool(dir, store)).toEqual({
      files: 1,
      stored: 2,
      dropped: 1,
      left: 0,
      rejected: 0,
      waitingFor: [],
    });
    expect(store.events("J1").map((e) => e.id)).toEqual(["E1", "E2"]);
  });

  it("leaves alone a file whose writer still runs, and takes it once closed", () => {
    const { store, dir } = setup();
    store.createJournal({ id: "J1", title: "t" });
    const spool = createSpool(dir);
    spool.append({ type: "event", event: note("J1", "live", { id: "E1" }) });
    expect(drainSpool(dir, store)).toMatchObject({ files: 0, left: 1 });
    expect(existsSync(spool.path)).toBe(true);
    spool.close();
    expect(drainSpool(dir, store)).toMatchObject({ files: 1, stored: 1, left: 0 });
  });

  it("waits for a journal created in another spool file", () => {
    const { store, dir } = setup();
    const early = createSpool(dir, { pid: deadPid(), ids: ids("01A0000000000000000000000A") });
    early.append({ type: "event", event: note("J1", "needs J1", { id: "E1" }) });
    early.close();
    const late = createSpool(dir, { pid: deadPid(), ids: ids("01B0000000000000000000000B") });
    late.append(JOURNAL);
    late.close();
    expect(drainSpool(dir, store)).toEqual({
      files: 2,
      stored: 2,
      dropped: 0,
      left: 0,
      rejected: 0,
      waitingFor: [],
    });
    expect(store.events("J1")).toHaveLength(1);
  });

  it("sets aside a file holding a record the store cannot take, and drains the others", () => {
    const { store, dir } = setup();
    store.createJournal({ id: "J1", title: "t" });
    const bad = createSpool(dir, { ids: ids("01A0000000000000000000000A") });
    bad.append({ type: "event", event: { journalId: "J1" } as never });
    bad.close();
    const good = createSpool(dir, { ids: ids("01B0000000000000000000000B") });
    good.append({ type: "event", event: note("J1", "fine", { id: "E1" }) });
    good.close();
    expect(drainSpool(dir, store)).toEqual({
      files: 1,
      stored: 1,
      dropped: 0,
      left: 0,
      rejected: 1,
      waitingFor: [],
    });
    expect(readdirSync(join(dir, "spool"))).toEqual([
      expect.stringMatching(/\.closed\.jsonl\.rejected$/),
    ]);
    expect(drainSpool(dir, store)).toMatchObject({ files: 0, rejected: 0 });
  });

  it("stores a spooled start without its end as a command cut short, with the output it has", () => {
    const { store, dir } = setup();
    store.createJournal({ id: "J1", title: "t" });
    const pid = deadPid();
    // what a recorder killed mid-command leaves: its start and some output, never closed
    const spool = createSpool(dir, { pid });
    spool.append({ type: "running", running: running(pid, "OUT-K") });
    spool.append({ type: "output", outputId: "OUT-K", index: 0, t: 5, data: "TASK [nova]\n" });
    expect(drainSpool(dir, store)).toMatchObject({ files: 1, stored: 2, left: 0 });
    expect(store.listRunning("J1").map((r) => r.eventId)).toEqual(["EV-RUN"]);

    expect(store.reapStale(() => false, "h").map((e) => e.id)).toEqual(["EV-RUN"]);
    const [cmd] = store.events("J1");
    expect(cmd?.payload).toMatchObject({
      kind: "command",
      line: "kolla-ansible upgrade",
      interrupted: true,
      exitStatus: null,
      outputId: "OUT-K",
      outputBytes: 12,
    });
    expect(store.readOutput("OUT-K")).toEqual([{ t: 5, data: "TASK [nova]\n" }]);
  });

  it("ends a spooled start with its spooled end, leaving nothing running", () => {
    const { store, dir } = setup();
    store.createJournal({ id: "J1", title: "t" });
    const spool = createSpool(dir);
    spool.append({ type: "running", running: running(process.pid, "OUT-1") });
    spool.append({ type: "output", outputId: "OUT-1", index: 0, t: 0, data: "done\n" });
    spool.append({ type: "output-end", outputId: "OUT-1" });
    const end = commandRecord("OUT-1");
    if (end.type === "event") end.event.id = "EV-RUN";
    spool.append(end);
    spool.close();
    expect(drainSpool(dir, store)).toMatchObject({ files: 1, stored: 4, left: 0 });
    expect(store.listRunning("J1")).toEqual([]);
    expect(store.events("J1").map((e) => [e.id, e.payload.kind])).toEqual([["EV-RUN", "command"]]);
    // the start replayed after its end was stored: nothing left running
    const again = createSpool(dir);
    again.append({ type: "running", running: running(process.pid, "OUT-1") });
    again.close();
    expect(drainSpool(dir, store)).toMatchObject({ files: 1, left: 0 });
    expect(store.listRunning("J1")).toEqual([]);
    expect(store.events("J1")).toHaveLength(1);
  });

  it("names the journals that files left in place wait for", () => {
    const { store, dir } = setup();
    store.createJournal({ id: "J1", title: "t" });
    const spool = createSpool(dir);
    spool.append({ type: "event", event: note("NOPE", "under a mistyped journal", { id: "E1" }) });
    spool.append({ type: "event", event: note("J1", "fine", { id: "E2" }) });
    spool.close();
    expect(drainSpool(dir, store)).toEqual({
      files: 0,
      stored: 0,
      dropped: 0,
      left: 1,
      rejected: 0,
      waitingFor: ["NOPE"],
    });
    store.createJournal({ id: "NOPE", title: "found after all" });
    expect(drainSpool(dir, store)).toMatchObject({ files: 1, stored: 2, waitingFor: [] });
  });

  it("never lets two concurrent drainers import the same file", async () => {
    const { store, home, dir } = setup();
    store.createJournal({ id: "J1", title: "t" });
    for (let f = 0; f < 20; f++) {
      const spool = createSpool(dir);
      for (let i = 0; i < 50; i++)
        spool.append({ type: "event", event: note("J1", `${f}/${i}`, { id: `E-${f}-${i}` }) });
      spool.close();
    }
    const go = join(dir, "go");
    const drainers = [1, 2].map(() => startFixture("drain.ts", [dir, home, go]));
    const ended = drainers.map(collect);
    await Promise.all(drainers.map((d) => waitForLine(d, "ready")));
    writeFileSync(go, "");
    const reports = (await Promise.all(ended)).map((r) => {
      if (r.code !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout.split("\n")[1] as string) as { files: number; stored: number };
    });
    expect(reports.reduce((n, r) => n + r.files, 0)).toBe(20);
    expect(reports.reduce((n, r) => n + r.stored, 0)).toBe(1000);
    const events = store.events("J1");
    expect(events).toHaveLength(1000);
    expect(new Set(events.map((e) => e.seq)).size).toBe(1000);
  });
});
