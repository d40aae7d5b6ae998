import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { deferAfterEach, tempStore } from "../../test/fixtures/journal/support.js";

const defer = deferAfterEach();

function setup() {
  const t = tempStore();
  defer(t.done);
  return t;
}

const LINE = "TASK [nova : Restart nova-compute container] changed: [compute-01]\n";

describe("output blobs", () => {
  it("replays chunks in order with their time offsets", () => {
    const { store } = setup();
    const w = store.beginOutput();
    w.write("PLAY [all]\n", 0);
    w.write("", 5);
    w.write("\x1b[32mok: [ctl-01]\x1b[0m\n", 12.6);
    w.write(LINE.repeat(50), 40);
    w.end();
    expect(store.readOutput(w.id)).toEqual([
      { t: 0, data: "PLAY [all]\n" },
      { t: 13, data: "\x1b[32mok: [ctl-01]\x1b[0m\n" },
      { t: 40, data: LINE.repeat(50) },
    ]);
    expect(w.chunks).toBe(3);
  });

  it("sizes an output in uncompressed UTF-8 bytes", () => {
    const { store } = setup();
    const w = store.beginOutput();
    w.write("héllo ✓\n", 0);
    w.write(LINE.repeat(100), 1);
    expect(store.outputSize(w.id)).toBe(Buffer.byteLength("héllo ✓\n") + LINE.length * 100);
    expect(w.bytes).toBe(store.outputSize(w.id));
    expect(store.outputSize("unknown")).toBe(0);
    expect(store.readOutput("unknown")).toEqual([]);
  });

  it("tails with only the trailing chunks that cover the asked bytes", () => {
    const { store } = setup();
    const w = store.beginOutput();
    for (let i = 0; i < 10; i++) w.write(`${String(i).repeat(99)}\n`, i * 10);
    w.end();
    expect(store.readOutput(w.id, { tailBytes: 100 }).map((c) => c.t)).toEqual([90]);
    expect(store.readOutput(w.id, { tailBytes: 101 }).map((c) => c.t)).toEqual([80, 90]);
    expect(store.readOutput(w.id, { tailBytes: 250 }).map((c) => c.t)).toEqual([70, 80, 90]);
    expect(store.readOutput(w.id, { tailBytes: 5000 })).toHaveLength(10);
    expect(store.readOutput(w.id, { tailBytes: 0 })).toEqual([]);
  });

  it("stores each chunk as soon as it is written, compressed when that pays", () => {
    const { store, home } = setup();
    const w = store.beginOutput();
    w.write(LINE.repeat(1000), 0);
    w.write("short\n", 1);
    // A second connection sees the rows before end(): what a kill -9 would leave.
    const other = new Database(`${home}/stacklog.db`, { readonly: true });
    const rows = other
      .prepare(
        "SELECT bytes, enc, length(data) AS stored FROM output_chunks WHERE output_id = ? ORDER BY n",
      )
      .all(w.id) as { bytes: number; enc: number; stored: number }[];
    other.close();
    expect(rows).toHaveLength(2);
    expect(rows[0]?.enc).toBe(1);
    expect(rows[0]?.stored).toBeLessThan((rows[0]?.bytes ?? 0) / 10);
    expect(rows[1]).toEqual({ bytes: 6, enc: 0, stored: 6 });
  });
});
