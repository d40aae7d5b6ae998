/** The name alembic-era Keystone expects for the unique constraint on access_rule.external_id. */
export const EXTERNAL_ID_CONSTRAINT = "access_rule_external_id_key";

/** Switches a SQLite database to write-ahead logging; the setting persists in the file. */
export const WAL_PRAGMA = "PRAGMA journal_mode=WAL;";

/** Whether the output of the WAL pragma says the database is now in WAL mode. */
export function walEnabled(pragmaOutput: string): boolean {
  return pragmaOutput.trim().split("\n").pop()?.trim().toLowerCase() === "wal";
}

/** Whether Keystone's log (or a client's error) shows SQLite's lock timeout. */
export function isDatabaseLocked(text: string): boolean {
  return /database is locked/.test(text);
}

/**
 * Whether an access_rule table (its CREATE TABLE text from sqlite_master) lacks the named
 * constraint. Victoria's legacy migration 065 created `UNIQUE (external_id)` without a name on
 * SQLite, and the 2024.1 contract migration 99de3849d860 drops it by name.
 */
export function accessRuleNeedsRebuild(createSql: string): boolean {
  return !new RegExp(`CONSTRAINT\\s+"?${EXTERNAL_ID_CONSTRAINT}"?`).test(createSql);
}

/** Whether a failed contract is the missing-constraint failure that the rebuild fixes. */
export function isMissingConstraintFailure(output: string): boolean {
  return output.includes(`No such constraint: '${EXTERNAL_ID_CONSTRAINT}'`);
}

/**
 * SQL that rebuilds access_rule with its constraints named as alembic expects, keeping every
 * row and recreating the table's indexes from their saved definitions. It follows SQLite's
 * "make other kinds of table schema changes" procedure: foreign keys off, one transaction.
 */
export function accessRuleRebuildSql(indexSql: readonly string[]): string {
  return [
    "PRAGMA foreign_keys=OFF;",
    "BEGIN;",
    "CREATE TABLE access_rule_new (",
    "  id INTEGER NOT NULL,",
    "  service VARCHAR(64),",
    "  path VARCHAR(128),",
    "  method VARCHAR(16),",
    "  external_id VARCHAR(64),",
    "  user_id VARCHAR(64),",
    "  PRIMARY KEY (id),",
    `  CONSTRAINT ${EXTERNAL_ID_CONSTRAINT} UNIQUE (external_id),`,
    "  CONSTRAINT duplicate_access_rule_for_user_constraint UNIQUE (user_id, service, path, method)",
    ");",
    "INSERT INTO access_rule_new (id, service, path, method, external_id, user_id)",
    "  SELECT id, service, path, method, external_id, user_id FROM access_rule;",
    "DROP TABLE access_rule;",
    "ALTER TABLE access_rule_new RENAME TO access_rule;",
    ...indexSql.map((s) => `${s.trim().replace(/;$/, "")};`),
    "PRAGMA foreign_key_check;",
    "COMMIT;",
    "PRAGMA foreign_keys=ON;",
    "",
  ].join("\n");
}
