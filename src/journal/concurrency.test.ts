import { writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  collect,
  deferAfterEach,
  startFixture,
  tempDir,
  waitForLine,
} from "../../test/fixtures/journal/support.js";
import { type CommandPayload, type JournalEvent, openStore } from "./index.js";
import { MIGRATIONS } from "./migrations.js";

const defer = deferAfterEach();

function temp() {
  const t = tempDir();
  defer(t.done);
  return t.dir;
}

function integrity(home: string): string {
  const db = new Database(join(home, "stacklog.db"));
  const result = db.pragma("integrity_check", { simple: true }) as string;
  db.close();
  return result;
}

describe("several processes on one store", () => {
  it("lets processes open a fresh store at the same instant, migrating it once", async () => {
    const home = temp();
    const go = join(temp(), "go");
    const children = [1, 2, 3, 4].map(() => startFixture("open-store.ts", [home, go]));
    const ended = children.map(collect);
    await Promise.all(children.map((c) => waitForLine(c, "ready")));
    writeFileSync(go, "");
    const runs = await Promise.all(ended);
    expect(runs.map((r) => r.stdout.replace("ready\n", "") || r.stderr)).toEqual(
      Array(4).fill('{"code":"ok"}'),
    );
    const db = new Database(join(home, "stacklog.db"));
    expect(db.prepare("SELECT count(*) FROM schema_migrations").pluck().get()).toBe(
      MIGRATIONS.length,
    );
    db.close();
  });

  it("keeps all 4,000 events of 4 concurrent writers, with no duplicate seq or id", async () => {
    const home = temp();
    const setup = openStore({ home });
    const j = setup.createJournal({ title: "concurrent" });
    setup.close();
    const go = join(home, "go");
    const children = ["a", "b", "c", "d"].map((tag) =>
      startFixture("append-events.ts", [home, j.id, "1000", tag, go]),
    );
    const ended = children.map(collect);
    await Promise.all(children.map((c) => waitForLine(c, "ready")));
    writeFileSync(go, "");
    const runs = await Promise.all(ended);
    for (const r of runs)
      expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: "" });
    const store = openStore({ home });
    const events = store.events(j.id);
    store.close();
    expect(events).toHaveLength(4000);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 4000 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.id)).size).toBe(4000);
    for (const tag of ["a", "b", "c", "d"]) {
      const texts = events
        .filter((e) => e.actor === `writer-${tag}`)
        .map((e) => (e.payload as { text: string }).text);
      expect(texts).toEqual(Array.from({ length: 1000 }, (_, i) => `${tag} ${i}`));
    }
  });

  it("survives a writer killed with SIGKILL mid-write, keeping every committed event", async () => {
    const home = temp();
    const setup = openStore({ home });
    const j = setup.createJournal({ title: "killed" });
    setup.close();
    const child = startFixture("append-events.ts", [home, j.id, "1000000", "k"]);
    const ended = collect(child);
    await waitForLine(child, "writing");
    await new Promise((r) => setTimeout(r, 50));
    child.kill("SIGKILL");
    expect((await ended).signal).toBe("SIGKILL");
    const store = openStore({ home });
    const events = store.events(j.id);
    store.close();
    expect(integrity(home)).toBe("ok");
    expect(events.length).toBeGreaterThan(10);
    expect(events.map((e) => e.seq)).toEqual(
      Array.from({ length: events.length }, (_, i) => i + 1),
    );
  });

  it("keeps every output chunk stored before a kill -9 and reaps the command as interrupted", async () => {
    const home = temp();
    const setup = openStore({ home });
    const j = setup.createJournal({ title: "killed mid-output" });
    setup.close();
    const child = startFixture("write-output.ts", [home, j.id]);
    let printed = 0;
    child.stdout?.on("data", (d: Buffer) => {
      for (const m of d.toString().matchAll(/stored (\d+)/g)) printed = Number(m[1]);
    });
    const ended = collect(child);
    await waitForLine(child, "stored 200\n");
    child.kill("SIGKILL");
    await ended;
    expect(integrity(home)).toBe("ok");
    const store = openStore({ home });
    const reaped = store.reapStale(() => false, "test-host");
    expect(reaped).toHaveLength(1);
    const event = reaped[0] as JournalEvent<CommandPayload>;
    const outputId = event.payload.outputId as string;
    const chunks = store.readOutput(outputId);
    store.close();
    expect(event.payload).toMatchObject({ kind: "command", interrupted: true, exitStatus: null });
    expect(chunks.length).toBeGreaterThanOrEqual(printed);
    expect(chunks.map((c) => c.t)).toEqual(chunks.map((_, i) => i));
  });
});
