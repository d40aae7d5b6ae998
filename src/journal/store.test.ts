import { describe, expect, it } from "vitest";
import { deferAfterEach, note, tempStore } from "../../test/fixtures/journal/support.js";
import { StacklogError } from "../errors/index.js";
import type { NewEvent } from "./index.js";

const defer = deferAfterEach();

function setup() {
  const t = tempStore();
  defer(t.done);
  const j = t.store.createJournal({ title: "Kayobe Yoga to Zed", site: "lab", tool: "kayobe" });
  return { ...t, j };
}

function phase(journalId: string, action: "begin" | "end", name: string): NewEvent {
  return { ...note(journalId, ""), phase: name, payload: { kind: "phase", action, name } };
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof StacklogError) return err.code;
    throw err;
  }
  return "no error";
}

describe("journal store", () => {
  it("creates journals with defaults and finds them by id or unique prefix", () => {
    const { store, j } = setup();
    expect(j.status).toBe("in-progress");
    expect(j.startedAt).toBe(j.createdAt);
    expect(j.operators).toEqual([]);
    expect(store.getJournal(j.id)).toEqual(j);
    expect(store.getJournal(j.id.slice(0, 20).toLowerCase())).toEqual(j);
    expect(store.listJournals()).toEqual([j]);
    expect(codeOf(() => store.getJournal("ZZZZ"))).toBe("JournalNotFound");
  });

  it("reports an ambiguous journal prefix", () => {
    const { store } = setup();
    store.createJournal({ id: "J-AAA-1", title: "a" });
    store.createJournal({ id: "J-AAA-2", title: "b" });
    expect(codeOf(() => store.getJournal("J-AAA"))).toBe("AmbiguousId");
  });

  it("numbers events from 1 within each journal", () => {
    const { store, j } = setup();
    const other = store.createJournal({ title: "other" });
    const a = store.append(note(j.id, "first"));
    const b = store.append(note(other.id, "elsewhere"));
    const c = store.appendMany([note(j.id, "second"), note(j.id, "third")]);
    expect([a.seq, b.seq, ...c.map((e) => e.seq)]).toEqual([1, 1, 2, 3]);
    expect(store.lastSeq(j.id)).toBe(3);
    expect(store.lastSeq("nothing")).toBe(0);
  });

  it("assigns monotonic ULIDs when the event has no id", () => {
    const { store, j } = setup();
    const ids = store
      .appendMany([note(j.id, "a"), note(j.id, "b"), note(j.id, "c")])
      .map((e) => e.id);
    expect(ids.every((id) => /^[0-9A-HJKMNP-TV-Z]{26}$/.test(id))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
  });

  it("treats appending an existing id as a no-op returning the stored event", () => {
    const { store, j } = setup();
    const first = store.append(note(j.id, "original", { id: "EVT-1" }));
    const again = store.append(note(j.id, "changed", { id: "EVT-1" }));
    expect(again).toEqual(first);
    expect(store.events(j.id)).toHaveLength(1);
  });

  it("refuses events for an unknown journal and leaves nothing behind", () => {
    const { store, j } = setup();
    expect(codeOf(() => store.appendMany([note(j.id, "ok"), note("missing", "x")]))).toBe(
      "JournalNotFound",
    );
    expect(store.events(j.id)).toEqual([]);
  });

  it("filters events by kind, phase and afterSeq, in seq order, with a limit", () => {
    const { store, j } = setup();
    store.appendMany([
      phase(j.id, "begin", "prepare"),
      note(j.id, "checked galera", { phase: "prepare" }),
      phase(j.id, "end", "prepare"),
      phase(j.id, "begin", "upgrade"),
      note(j.id, "nova restarted", { phase: "upgrade" }),
    ]);
    const kinds = (q: Parameters<typeof store.events>[1]) =>
      store.events(j.id, q).map((e) => e.seq);
    expect(kinds({ kinds: ["note"] })).toEqual([2, 5]);
    expect(kinds({ kinds: ["phase"], afterSeq: 2 })).toEqual([3, 4]);
    expect(kinds({ phase: "upgrade" })).toEqual([4, 5]);
    expect(kinds({ afterSeq: 1, limit: 2 })).toEqual([2, 3]);
    expect(kinds({ kinds: [] })).toEqual([]);
  });

  it("finds an event by number, #number, full id or unique id prefix", () => {
    const { store, j } = setup();
    const [a, b] = store.appendMany([
      note(j.id, "a", { id: "01AAAA0000" }),
      note(j.id, "b", { id: "01AABB0000" }),
    ]);
    expect(store.getEvent(j.id, "2")).toEqual(b);
    expect(store.getEvent(j.id, "#1")).toEqual(a);
    expect(store.getEvent(j.id, "01AABB0000")).toEqual(b);
    expect(store.getEvent(j.id, "01aab")).toEqual(b);
    expect(codeOf(() => store.getEvent(j.id, "01AA"))).toBe("AmbiguousId");
    expect(codeOf(() => store.getEvent(j.id, "#9"))).toBe("EventNotFound");
    expect(codeOf(() => store.getEvent(j.id, "XYZ"))).toBe("EventNotFound");
  });

  it("updates journal metadata but keeps events as they were", () => {
    const { store, j } = setup();
    store.append(note(j.id, "keep me"));
    const done = store.updateJournal(j.id, {
      status: "completed",
      endedAt: 5,
      operators: ["ana", "bo"],
    });
    expect(done).toMatchObject({
      status: "completed",
      endedAt: 5,
      operators: ["ana", "bo"],
      title: j.title,
    });
    expect(store.getJournal(j.id)).toEqual(done);
    expect(store.events(j.id)[0]?.payload).toMatchObject({ text: "keep me" });
    expect(codeOf(() => store.updateJournal("nope", { status: "abandoned" }))).toBe(
      "JournalNotFound",
    );
  });

  it("keeps one current journal per store", () => {
    const { store, j } = setup();
    expect(store.current()).toBeNull();
    store.setCurrent(j.id.slice(0, 22));
    expect(store.current()?.id).toBe(j.id);
    store.setCurrent(null);
    expect(store.current()).toBeNull();
  });

  it("creating a journal with an existing id returns the stored one", () => {
    const { store, j } = setup();
    expect(store.createJournal({ id: j.id, title: "something else" })).toEqual(j);
  });

  it("registers secret sources by path and kind only", () => {
    const { store } = setup();
    store.addSecretSource({ path: "/etc/kolla/passwords.yml", kind: "kolla-passwords" });
    store.addSecretSource({ path: "/etc/openstack/clouds.yaml", kind: "clouds-yaml" });
    store.addSecretSource({ path: "/etc/kolla/passwords.yml", kind: "kolla-passwords" });
    expect(store.listSecretSources().map(({ path, kind }) => ({ path, kind }))).toEqual([
      { path: "/etc/kolla/passwords.yml", kind: "kolla-passwords" },
      { path: "/etc/openstack/clouds.yaml", kind: "clouds-yaml" },
    ]);
  });
});
