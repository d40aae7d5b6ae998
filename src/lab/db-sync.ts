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

/** SQL listing the schema versions: alembic heads when present, else the legacy migrate_version rows. */
export const SCHEMA_VERSION_SQL =
  "SELECT 'alembic', version_num FROM alembic_version WHERE EXISTS (SELECT 1 FROM sqlite_master WHERE name='alembic_version') " +
  "UNION ALL SELECT repository_id, version FROM migrate_version WHERE NOT EXISTS (SELECT 1 FROM sqlite_master WHERE name='alembic_version') " +
  "ORDER BY 1, 2;";

/**
 * Whether `--check` misled: it said up to date, yet the sync that followed changed the schema
 * versions (keystone 27 does this, see docs/lab.md).
 */
export function checkMisled(status: CheckStatus, before: string, after: string): boolean {
  return status === "up-to-date" && before.trim() !== after.trim();
}
