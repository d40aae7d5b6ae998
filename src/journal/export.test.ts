import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { deferAfterEach, note, REPO, tempStore } from "../../test/fixtures/journal/support.js";
import { StacklogError } from "../errors/index.js";
import { eventTable } from "./events.js";
import { exportFrom, exportParts } from "./export.js";
import {
  type CommandPayload,
  type ExportDoc,
  type JournalStore,
  serializeExport,
} from "./index.js";
import { journalTable } from "./journals.js";
import { outputTable } from "./outputs.js";
import { validateSchema } from "./schema-lite.js";

const defer = deferAfterEach();

function fresh(): JournalStore {
  const t = tempStore(1_800_000_000_000);
  defer(t.done);
  return t.store;
}

function command(
  line: string,
  outputId: string | null,
  extra: Partial<CommandPayload> = {},
): CommandPayload {
  return {
    kind: "command",
    line,
    argv: line.split(" "),
    cwd: "/root",
    host: "deploy",
    user: "root",
    mode: "pty",
    startedAt: 10,
    endedAt: 20,
    durationMs: 10,
    exitStatus: 2,
    signal: null,
    outputId,
    outputBytes: 0,
    ...extra,
  };
}

function recorded(): { store: JournalStore; id: string } {
  const store = fresh();
  const j = store.createJournal({
    title: "Zed → 2023.1 ✓",
    site: "lab",
    tool: "kolla-ansible",
    operators: ["ana"],
  });
  const out = store.beginOutput();
  out.write("\x1b[1mPLAY [all]\x1b[0m\n", 0);
  out.write('fatal: [ctl-01]: FAILED! => {"msg": "ümlaut"}\n'.repeat(40), 1500);
  out.end();
  const cut = store.beginOutput();
  cut.write("half way\n", 3);
  store.appendMany([
    {
      ...note(j.id, ""),
      phase: "upgrade",
      payload: { kind: "phase", action: "begin", name: "upgrade" },
    },
    {
      ...note(j.id, ""),
      payload: command("kolla-ansible -i multinode upgrade", out.id, {
        summary: { ansible: { ok: 3 } },
      }),
    },
    {
      ...note(j.id, ""),
      payload: command("kolla-ansible deploy", cut.id, { interrupted: true, exitStatus: null }),
    },
    note(j.id, "rabbitmq failed", {
      payload: { kind: "note", noteKind: "problem", text: "rabbitmq failed" },
    }),
    {
      ...note(j.id, ""),
      payload: {
        kind: "snapshot",
        scope: "config",
        label: "before",
        data: { b: [1, { z: 1, a: 2 }] },
      },
    },
    {
      ...note(j.id, ""),
      payload: { kind: "check", name: "galera", severity: "high", inhibitor: true, text: "x" },
    },
    { ...note(j.id, ""), payload: { kind: "milestone", name: "api down", window: "begin" } },
    { ...note(j.id, ""), payload: { kind: "amend", target: "EV", text: "meant 2023.1" } },
  ]);
  return { store, id: j.id };
}

function codeAndMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof StacklogError) return `${err.code}: ${err.message}`;
    throw err;
  }
  return "no error";
}

describe("export and import", () => {
  it("exports, imports into a fresh store and exports again byte for byte, outputs included", () => {
    const { store, id } = recorded();
    const first = serializeExport(store.exportJournal(id));
    const other = fresh();
    other.importJournal(JSON.parse(first));
    const second = serializeExport(other.exportJournal(id));
    expect(second).toBe(first);
    const doc = JSON.parse(first) as ExportDoc;
    expect(doc.outputs).toHaveLength(2);
    expect(doc.outputs[1]?.endedAt).toBeNull();
    const outputId = ((doc.events[1] as ExportDoc["events"][number]).payload as CommandPayload)
      .outputId as string;
    expect(other.readOutput(outputId)).toEqual(store.readOutput(outputId));
    expect(other.search("ümlaut").map((h) => h.field)).toEqual(["output"]);
  });

  it("writes keys in sorted order at every level", () => {
    const { store, id } = recorded();
    const text = serializeExport(store.exportJournal(id));
    expect(text.indexOf('"events"')).toBeLessThan(text.indexOf('"format"'));
    expect(text).toContain('"a": 2,\n');
    expect(text.indexOf('"a": 2')).toBeLessThan(text.indexOf('"z": 1'));
  });

  it("writes documents that validate against schema/export.schema.json", () => {
    const schema = JSON.parse(readFileSync(join(REPO, "schema/export.schema.json"), "utf8"));
    const { store, id } = recorded();
    const doc = JSON.parse(serializeExport(store.exportJournal(id)));
    expect(validateSchema(schema, doc)).toEqual([]);
    doc.events[1].payload.exitStatus = "2";
    doc.outputs[0].chunks[0].encoding = "gzip";
    expect(validateSchema(schema, doc)).toEqual([
      "$.events[1].payload: 0 of the oneOf alternatives match",
      "$.outputs[0].chunks[0].encoding: not one of the allowed values",
    ]);
  });

  it("names the wrong spot of a malformed document and writes nothing", () => {
    const { store, id } = recorded();
    const doc = JSON.parse(serializeExport(store.exportJournal(id)));
    const other = fresh();
    const broken = structuredClone(doc);
    broken.events[1].payload.exitStatus = "2";
    expect(codeAndMessage(() => other.importJournal(broken, { source: "up.json" }))).toMatch(
      /^MalformedImport: up\.json .*at \$\.events\[1\]\.payload\.exitStatus: expected an integer, got "2"/,
    );
    const badChunk = structuredClone(doc);
    badChunk.outputs[0].chunks[1].bytes += 1;
    expect(codeAndMessage(() => other.importJournal(badChunk))).toContain(
      "at $.outputs[0].chunks[1].bytes",
    );
    const badSeq = structuredClone(doc);
    badSeq.events[3].seq = 2;
    expect(codeAndMessage(() => other.importJournal(badSeq))).toContain("at $.events[3].seq");
    expect(codeAndMessage(() => other.importJournal({ ...doc, extra: 1 }))).toContain(
      "at $.extra: unknown member",
    );
    expect(other.listJournals()).toEqual([]);
  });

  it("rolls back the whole import when a late part cannot be stored", () => {
    const { store, id } = recorded();
    const doc = JSON.parse(serializeExport(store.exportJournal(id)));
    const other = fresh();
    const j = other.createJournal({ title: "holds an event id" });
    other.append(note(j.id, "taken", { id: doc.events[5].id }));
    expect(codeAndMessage(() => other.importJournal(doc))).toContain(`at $.events[5].id`);
    expect(other.listJournals().map((x) => x.id)).toEqual([j.id]);
    expect(other.search("rabbitmq")).toEqual([]);
  });

  it("refuses to import a journal twice unless asked to replace it", () => {
    const { store, id } = recorded();
    const doc = store.exportJournal(id);
    expect(codeAndMessage(() => store.importJournal(doc))).toMatch(/^ImportConflict/);
    const changed = structuredClone(doc);
    changed.events = changed.events.slice(0, 2);
    changed.outputs = changed.outputs.slice(0, 1);
    store.importJournal(changed, { replace: true });
    expect(store.events(id)).toHaveLength(2);
    expect(store.search("rabbitmq")).toEqual([]);
    expect(serializeExport(store.exportJournal(id))).toBe(serializeExport(changed));
  });
});

/** What the export wrote as one string before it was written in pieces. */
function reference(doc: unknown): string {
  const sortKeys = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sortKeys);
    if (value === null || typeof value !== "object") return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  };
  return `${JSON.stringify(sortKeys(doc), null, 2)}\n`;
}

describe("the export written in pieces", () => {
  it("joins to exactly the JSON text of the whole document, in pieces of bounded size", () => {
    const { store, id } = recorded();
    const big = store.beginOutput();
    // text that does not compress, so that the document is large
    for (let i = 0; i < 40; i++)
      big.write(`${i} ü✓ ${randomBytes(24_000).toString("base64")}\n`, i);
    big.end();
    store.append({ ...note(id, ""), payload: command("cat big", big.id) });
    const doc = store.exportJournal(id);
    const odd = {
      "10": [],
      "9": {},
      b: [1, undefined, { "2": "two", "1": null, a: [[]] }],
      a: { deep: { deeper: { deepest: { "0": 1, x: [{ y: {} }] } } } },
      gone: undefined,
    };
    (doc.events[4]?.payload as { data: unknown }).data = odd;
    // integer keys come first in an object, whatever order they were added in
    Object.assign(doc.events[5]?.payload as object, { "10": "ten", "9": "nine", gone: undefined });
    doc.events.push({ ...(doc.events[0] as ExportDoc["events"][number]), seq: 99, phase: null });
    const parts = [...exportParts(doc)];
    expect(parts.length).toBeGreaterThan(10);
    for (const part of parts.slice(0, -1)) expect(part.length).toBeLessThan(1024 * 1024);
    expect(parts.join("")).toBe(reference(doc));
  });

  it("writes empty lists and a journal without events as JSON.stringify does", () => {
    const store = fresh();
    const j = store.createJournal({ title: "empty" });
    const doc = store.exportJournal(j.id);
    expect(serializeExport(doc)).toBe(reference(doc));
    expect(serializeExport(doc)).toContain('"events": [],');
  });

  it("stops gathering outputs with ExportTooLarge once they pass the limit", () => {
    const t = tempStore();
    defer(t.done);
    const j = t.store.createJournal({ title: "big" });
    for (const text of ["first output\n", "second output, the one too many\n"]) {
      const out = t.store.beginOutput();
      out.write(text, 0);
      out.end();
      t.store.append({ ...note(j.id, ""), payload: command("cat", out.id) });
    }
    const db = new Database(join(t.home, "stacklog.db"));
    defer(() => db.close());
    const next = () => "unused";
    const tables = [
      journalTable(db),
      eventTable(db, next),
      outputTable(db, next, Date.now),
    ] as const;
    // base64 of the stored bytes: 20 and 44 characters
    expect(exportFrom(...tables, j.id, 64).outputs).toHaveLength(2);
    expect(codeAndMessage(() => exportFrom(...tables, j.id, 63))).toBe(
      `ExportTooLarge: Journal ${j.id} makes a JSON document of more than 64 bytes (0.0 MiB); one JSON export holds at most 63 bytes (0.0 MiB), the longest text \`stacklog import\` can read back.`,
    );
  });
});
