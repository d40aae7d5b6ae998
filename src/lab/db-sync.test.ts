import { describe, expect, it } from "vitest";
import { checkMisled, dbSyncArgv, parseCheckStatus, schemaVersionSql } from "./db-sync.js";

describe("db_sync --check", () => {
  it("reads 0, 2 and 4 as up to date, expand needed and contract needed", () => {
    expect(parseCheckStatus(0)).toBe("up-to-date");
    expect(parseCheckStatus(2)).toBe("expand-needed");
    expect(parseCheckStatus(4)).toBe("contract-needed");
  });

  it("treats any other status as an error", () => {
    expect(parseCheckStatus(1)).toBe("error");
    expect(parseCheckStatus(137)).toBe("error");
  });

  it("builds each rolling-upgrade step", () => {
    expect(dbSyncArgv("expand")).toEqual(["keystone-manage", "db_sync", "--expand"]);
    expect(dbSyncArgv()).toEqual(["keystone-manage", "db_sync"]);
  });

  it("flags a check that said up to date when the sync then moved the schema", () => {
    expect(checkMisled("up-to-date", "alembic|27e647c0fad4\n", "alembic|47147121\n")).toBe(true);
    expect(checkMisled("up-to-date", "alembic|x\n", "alembic|x\n")).toBe(false);
    expect(checkMisled("expand-needed", "a", "b")).toBe(false);
  });

  it("reads alembic heads once the database has alembic_version, else the legacy versions", () => {
    expect(schemaVersionSql("alembic_version\nmigrate_version\n")).toContain(
      "FROM alembic_version",
    );
    expect(schemaVersionSql("migrate_version\n")).toContain("FROM migrate_version");
    expect(schemaVersionSql("migrate_version\n")).not.toContain("alembic_version");
    expect(schemaVersionSql("")).toBeNull();
  });
});
