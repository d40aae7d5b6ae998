/** What `keystone-manage db_sync --check` said, by its exit status. */
export type CheckStatus =
  | "up-to-date"
  | "expand-needed"
  | "migrate-needed"
  | "contract-needed"
  | "error";

/** Reads the exit status of `db_sync --check`: 0 up to date, 2 expand, 3 data migration, 4 contract needed. */
export function parseCheckStatus(code: number): CheckStatus {
  switch (code) {
    case 0:
      return "up-to-date";
    case 2:
      return "expand-needed";
    case 3:
      return "migrate-needed";
    case 4:
      return "contract-needed";
    default:
      return "error";
  }
}

/** `keystone-manage db_sync` with one of its rolling-upgrade steps, or the legacy one-shot sync. */
export function dbSyncArgv(step?: "check" | "expand" | "migrate" | "contract"): string[] {
  return step ? ["keystone-manage", "db_sync", `--${step}`] : ["keystone-manage", "db_sync"];
}

/** SQL naming the schema-version tables the database has (alembic_version, migrate_version). */
export const VERSION_TABLES_SQL =
  "SELECT name FROM sqlite_master WHERE type='table' AND name IN ('alembic_version', 'migrate_version') ORDER BY name;";

/**
 * SQL listing the schema versions from the tables that `VERSION_TABLES_SQL` found: alembic heads
 * when alembic_version exists, else the legacy migrate_version rows; null when there is neither.
 * SQLite resolves table names when it prepares a statement, so the query names only tables that exist.
 */
export function schemaVersionSql(tables: string): string | null {
  const have = new Set(tables.split("\n").map((t) => t.trim()));
  if (have.has("alembic_version"))
    return "SELECT 'alembic', version_num FROM alembic_version ORDER BY 2;";
  if (have.has("migrate_version"))
    return "SELECT repository_id, version FROM migrate_version ORDER BY 1;";
  return null;
}

/**
 * Whether `--check` misled: it said up to date, yet the sync that followed changed the schema
 * versions (keystone 27 does this, see docs/lab.md).
 */
export function checkMisled(status: CheckStatus, before: string, after: string): boolean {
  return status === "up-to-date" && before.trim() !== after.trim();
}
