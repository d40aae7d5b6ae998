import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import {
  accessRuleNeedsRebuild,
  accessRuleRebuildSql,
  isDatabaseLocked,
  isMissingConstraintFailure,
  WAL_PRAGMA,
  walEnabled,
} from "./sqlite-fixes.js";

// The access_rule table as Victoria's legacy migrations leave it on SQLite: the external_id
// unique constraint has no name.
const VICTORIA_DDL = `CREATE TABLE access_rule (
  id INTEGER NOT NULL, service VARCHAR(64), path VARCHAR(128), method VARCHAR(16),
  external_id VARCHAR(64), user_id VARCHAR(64),
  PRIMARY KEY (id),
  CONSTRAINT duplicate_access_rule_for_user_constraint UNIQUE (user_id, service, path, method),
  UNIQUE (external_id))`;

const dirs: string[] = [];
function tempDb(): Database.Database {
  const dir = mkdtempSync(join(tmpdir(), "stacklog-lab-"));
  dirs.push(dir);
  return new Database(join(dir, "keystone.db"));
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("SQLite fixes of the lab", () => {
  it("rebuilds a Victoria access_rule with the named constraint, keeping rows and indexes", () => {
    const db = tempDb();
    db.exec(VICTORIA_DDL);
    db.exec("CREATE INDEX ix_access_rule_user_id ON access_rule (user_id)");
    db.exec("INSERT INTO access_rule VALUES (1, 'compute', '/v2.1/servers', 'GET', 'e1', 'u1')");
    const indexSql = db
      .prepare(
        "SELECT sql FROM sqlite_master WHERE tbl_name='access_rule' AND type='index' AND sql IS NOT NULL",
      )
      .pluck()
      .all() as string[];
    const before = db
      .prepare("SELECT sql FROM sqlite_master WHERE name='access_rule'")
      .pluck()
      .get() as string;
    expect(accessRuleNeedsRebuild(before)).toBe(true);

    db.exec(accessRuleRebuildSql(indexSql));

    const after = db
      .prepare("SELECT sql FROM sqlite_master WHERE name='access_rule'")
      .pluck()
      .get() as string;
    expect(accessRuleNeedsRebuild(after)).toBe(false);
    expect(db.prepare("SELECT external_id FROM access_rule").pluck().all()).toEqual(["e1"]);
    expect(
      db
        .prepare("SELECT name FROM sqlite_master WHERE name='ix_access_rule_user_id'")
        .pluck()
        .get(),
    ).toBe("ix_access_rule_user_id");
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(() =>
      db.exec("INSERT INTO access_rule VALUES (2, 's', '/p', 'GET', 'e1', 'u2')"),
    ).toThrow(/UNIQUE/);
  });

  it("turns on WAL mode with the pragma, and reads the pragma's answer", () => {
    const db = tempDb();
    const mode = db.prepare(WAL_PRAGMA.replace(/;$/, "")).pluck().get() as string;
    expect(walEnabled(`${mode}\n`)).toBe(true);
    expect(walEnabled("delete\n")).toBe(false);
  });

  it("recognises the lock timeout and the missing-constraint contract failure", () => {
    expect(isDatabaseLocked("(sqlite3.OperationalError) database is locked")).toBe(true);
    expect(isDatabaseLocked("HTTP/1.1 201")).toBe(false);
    expect(
      isMissingConstraintFailure("ValueError: No such constraint: 'access_rule_external_id_key'"),
    ).toBe(true);
  });
});
