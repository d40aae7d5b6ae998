import { describe, expect, it } from "vitest";
import { deferAfterEach, note, tempStore } from "../../test/fixtures/journal/support.js";
import type { CommandPayload } from "./index.js";
import { ftsQuery } from "./search.js";
import { OUTPUT_INDEX_EDGE } from "./search-text.js";

const defer = deferAfterEach();

function command(line: string, outputId: string | null): CommandPayload {
  return {
    kind: "command",
    line,
    argv: null,
    cwd: "/root",
    host: "deploy",
    user: "root",
    mode: "pty",
    startedAt: 1,
    endedAt: 2,
    durationMs: 1,
    exitStatus: 0,
    signal: null,
    outputId,
    outputBytes: 0,
  };
}

function setup() {
  const t = tempStore();
  defer(t.done);
  const { store } = t;
  const j = store.createJournal({ title: "Caracal to Dalmatian on the cumulus cloud" });
  const other = store.createJournal({ title: "Other site" });
  store.append(note(j.id, "galera node 2 did not rejoin the cluster"));
  store.append(note(other.id, "galera was fine here"));
  const w = store.beginOutput();
  w.write("PLAY RECAP ****\n", 0);
  w.write("\x1b[31mfatal: [ctl-02]: rabbitmq-server failed to start\x1b[0m\n", 10);
  w.end();
  store.append({ ...note(j.id, ""), payload: command("kolla-ansible -i multinode upgrade", w.id) });
  return { store, j, other };
}

describe("search", () => {
  it("finds notes, command lines, journal titles and output words", () => {
    const { store, j } = setup();
    const fields = (q: string) => store.search(q, { journalId: j.id }).map((h) => [h.field, h.seq]);
    expect(fields("rejoin")).toEqual([["note", 1]]);
    expect(fields("multinode")).toEqual([["command", 2]]);
    expect(fields("rabbitmq")).toEqual([["output", 2]]);
    expect(fields("dalmatian")).toEqual([["title", null]]);
  });

  it("scopes to a journal or searches them all", () => {
    const { store, j, other } = setup();
    expect(
      store
        .search("galera")
        .map((h) => h.journalId)
        .sort(),
    ).toEqual([j.id, other.id].sort());
    expect(store.search("galera", { journalId: other.id })).toHaveLength(1);
    expect(store.search("galera", { limit: 1 })).toHaveLength(1);
  });

  it("marks matched words in the snippet", () => {
    const { store } = setup();
    expect(store.search("rabbitmq", { mark: ["<b>", "</b>"] })[0]?.snippet).toContain(
      "<b>rabbitmq</b>",
    );
  });

  it("does not choke on punctuation and supports prefix search", () => {
    const { store } = setup();
    expect(store.search('"kolla-ansible" -i (')).toHaveLength(1);
    expect(store.search("rabbit*")[0]?.field).toBe("output");
    expect(store.search("  --- ")).toEqual([]);
    expect(ftsQuery("nova-compute x*")).toBe('"nova" AND "compute" AND "x"*');
  });

  it("indexes the head and the tail of a long output, not its middle", () => {
    const { store, j } = setup();
    const w = store.beginOutput();
    w.write("headword\n", 0);
    for (let i = 0; i < 40; i++) w.write(`${"filler ".repeat(1000)}\n`, i);
    w.write("middleword\n", 50);
    for (let i = 0; i < 40; i++) w.write(`${"padding ".repeat(1000)}\n`, 60 + i);
    w.write("tailword\n", 200);
    w.end();
    expect(40 * 7000).toBeGreaterThan(2 * OUTPUT_INDEX_EDGE);
    store.append({ ...note(j.id, ""), payload: command("long", w.id) });
    expect(store.search("headword")).toHaveLength(1);
    expect(store.search("tailword")).toHaveLength(1);
    expect(store.search("middleword")).toHaveLength(0);
  });
});
