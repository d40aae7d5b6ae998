import type Database from "better-sqlite3";
import { fail } from "../errors/index.js";
import { SCHEMA_V1 } from "./schema-v1.js";

/** One schema change. Versions are consecutive from 1; a shipped migration never changes. */
export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "journals, events, outputs, search", up: (db) => db.exec(SCHEMA_V1) },
  {
    version: 2,
    name: "events by kind",
    // The current phase is the latest `phase` event: read for every recorded command, it must
    // not scan all the commands since the phase began.
    up: (db) => db.exec("CREATE INDEX events_kind ON events(journal_id, kind, seq)"),
  },
];

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`;

/** Highest applied version, 0 for an empty file; a foreign database is reported corrupt. */
export function schemaVersion(db: Database.Database, path: string): number {
  const tables = db
    .prepare("SELECT name FROM sqlite_schema WHERE type = 'table'")
    .pluck()
    .all() as string[];
  if (tables.includes("schema_migrations")) {
    return (db.prepare("SELECT max(version) FROM schema_migrations").pluck().get() as number) ?? 0;
  }
  if (tables.length > 0) throw fail("StoreCorrupt", path, "a SQLite database, but not stacklog's");
  return 0;
}

/**
 * Brings the schema up to date. Each migration runs in its own `BEGIN IMMEDIATE` transaction
 * and re-reads the ledger under that lock, so processes opening a fresh store together apply
 * each migration exactly once.
 */
export function migrate(
  db: Database.Database,
  path: string,
  now: () => number,
  migrations: readonly Migration[] = MIGRATIONS,
): number {
  const known = migrations.at(-1)?.version ?? 0;
  const seen = schemaVersion(db, path);
  if (seen > known) throw fail("StoreTooNew", path, seen, known);
  for (const m of migrations) {
    if (m.version <= seen) continue;
    db.transaction(() => applyOnce(db, path, m, now)).immediate();
  }
  return known;
}

function applyOnce(db: Database.Database, path: string, m: Migration, now: () => number): void {
  if (schemaVersion(db, path) >= m.version) return;
  db.exec(LEDGER);
  m.up(db);
  db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)").run(
    m.version,
    m.name,
    now(),
  );
}

/** For read-only opens: fails unless the schema is exactly the one this code knows. */
export function checkVersion(db: Database.Database, path: string, migrations = MIGRATIONS): void {
  const known = migrations.at(-1)?.version ?? 0;
  const seen = schemaVersion(db, path);
  if (seen > known) throw fail("StoreTooNew", path, seen, known);
  if (seen < known) {
    throw fail("StoreUnwritable", path, `opened read-only, but its schema ${seen} needs upgrading`);
  }
}
