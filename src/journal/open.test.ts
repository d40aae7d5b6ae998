import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import {
  deferAfterEach,
  runFixture,
  startFixture,
  tempDir,
  waitForLine,
} from "../../test/fixtures/journal/support.js";
import { StacklogError } from "../errors/index.js";
import { MIGRATIONS, openStore } from "./index.js";

const defer = deferAfterEach();

function temp() {
  const t = tempDir();
  defer(t.done);
  return t.dir;
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

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

/** Opens a store as a user that file permissions apply to (root ignores them). */
async function openAsUnprivileged(home: string): Promise<{ code: string; message?: string }> {
  if (!isRoot)
    return { code: codeOf(() => openStore({ home }).createJournal({ title: "x" })) || "ok" };
  const r = await runFixture("open-store.ts", [home], { uid: NOBODY, gid: NOBODY });
  if (!r.stdout) throw new Error(`open-store fixture printed nothing: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe("openStore", () => {
  it("creates the home folder (0700), a WAL database and records the migrations", () => {
    const home = join(temp(), "nested", "home");
    openStore({ home, now: () => 42 }).close();
    expect(statSync(home).mode & 0o777).toBe(0o700);
    const db = new Database(join(home, "stacklog.db"));
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(db.prepare("SELECT version, applied_at FROM schema_migrations").all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, applied_at: 42 })),
    );
    db.close();
    openStore({ home }).close(); // reopening applies nothing twice
  });

  it("makes the store's files readable by their owner only, whatever the umask", () => {
    const home = temp();
    const before = process.umask(0o022);
    try {
      const store = openStore({ home });
      store.createJournal({ title: "private" });
      for (const f of ["stacklog.db", "stacklog.db-wal", "stacklog.db-shm"])
        expect((statSync(join(home, f)).mode & 0o777).toString(8), f).toBe("600");
      store.close();
    } finally {
      process.umask(before);
    }
  });

  it("upgrades a store written by an earlier stacklog, keeping its journals and events", () => {
    const home = temp();
    const first = openStore({ home, now: () => 1 });
    const j = first.createJournal({ title: "before the upgrade" });
    first.append({
      journalId: j.id,
      time: 1,
      actor: "ops@host",
      terminal: null,
      phase: null,
      payload: { kind: "note", noteKind: "observation", text: "kept" },
    });
    first.close();
    // Undo every migration after the first: the file a stacklog with schema 1 left.
    const back = new Database(join(home, "stacklog.db"));
    back.exec("DROP INDEX events_kind; DELETE FROM schema_migrations WHERE version > 1");
    back.close();

    const store = openStore({ home, now: () => 7 });
    expect(store.events(j.id).map((e) => e.payload)).toEqual([
      { kind: "note", noteKind: "observation", text: "kept" },
    ]);
    store.close();
    const db = new Database(join(home, "stacklog.db"));
    expect(
      db.prepare("SELECT version, applied_at FROM schema_migrations ORDER BY version").all(),
    ).toEqual(MIGRATIONS.map((m) => ({ version: m.version, applied_at: m.version === 1 ? 1 : 7 })));
    expect(
      db.prepare("SELECT name FROM sqlite_schema WHERE name = 'events_kind'").pluck().get(),
    ).toBe("events_kind");
    db.close();
  });

  it("reports a file of random bytes as StoreCorrupt", () => {
    const home = temp();
    writeFileSync(
      join(home, "stacklog.db"),
      Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919) % 251)),
    );
    expect(codeOf(() => openStore({ home }))).toBe("StoreCorrupt");
  });

  it("reports another program's SQLite database as StoreCorrupt without changing it", () => {
    const home = temp();
    const db = new Database(join(home, "stacklog.db"));
    db.exec("CREATE TABLE photos (id INTEGER)");
    db.close();
    expect(codeOf(() => openStore({ home }))).toBe("StoreCorrupt");
    const again = new Database(join(home, "stacklog.db"));
    expect(again.prepare("SELECT name FROM sqlite_schema").pluck().all()).toEqual(["photos"]);
    again.close();
  });

  it("refuses a store written by a newer stacklog", () => {
    const home = temp();
    openStore({ home }).close();
    const db = new Database(join(home, "stacklog.db"));
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 0)").run();
    db.close();
    expect(codeOf(() => openStore({ home }))).toBe("StoreTooNew");
  });

  it("opens read-only without creating anything", () => {
    const home = join(temp(), "absent");
    expect(codeOf(() => openStore({ home, readonly: true }))).toBe("StoreNotFound");
    const writer = openStore({ home });
    const j = writer.createJournal({ title: "read me" });
    const reader = openStore({ home, readonly: true });
    expect(reader.getJournal(j.id).title).toBe("read me");
    expect(codeOf(() => reader.createJournal({ title: "no" }))).toBe("StoreUnwritable");
    reader.close();
    writer.close();
  });

  it("reports a home inside a read-only folder as StoreUnwritable", async () => {
    const parent = temp();
    chmodSync(parent, 0o755);
    const locked = join(parent, "ro");
    mkdirSync(locked, { mode: 0o555 });
    chmodSync(locked, 0o555);
    expect(await openAsUnprivileged(join(locked, "home"))).toMatchObject({
      code: "StoreUnwritable",
    });
  });

  it("reports a read-only home folder as StoreUnwritable", async () => {
    const parent = temp();
    chmodSync(parent, 0o755);
    const home = join(parent, "home");
    mkdirSync(home);
    chmodSync(home, 0o555);
    expect(await openAsUnprivileged(home)).toMatchObject({ code: "StoreUnwritable" });
  });

  it("reports a write lock held past the timeout as StoreLocked", async () => {
    const home = temp();
    openStore({ home }).close();
    const holder = startFixture("hold-lock.ts", [home]);
    defer(() => holder.kill("SIGKILL"));
    await waitForLine(holder, "locked");
    const store = openStore({ home, busyTimeoutMs: 150 });
    expect(codeOf(() => store.createJournal({ title: "blocked" }))).toBe("StoreLocked");
    expect(store.listJournals()).toEqual([]); // readers are not blocked by the writer
    store.close();
  });
});
