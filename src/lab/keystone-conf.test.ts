import { describe, expect, it } from "vitest";
import { databaseConnection, SQLITE_URL, setDatabaseConnection } from "./keystone-conf.js";

const PACKAGED = [
  "[DEFAULT]",
  "#connection = not-this-one",
  "",
  "[database]",
  "# The SQLAlchemy connection string. (string value)",
  "#connection = <None>",
  "",
  "[token]",
  "provider = fernet",
  "",
].join("\n");

describe("keystone.conf database connection", () => {
  it("sees no connection in the packaged file, where it is commented out", () => {
    expect(databaseConnection(PACKAGED)).toBeNull();
  });

  it("replaces the commented-out connection of the [database] section only", () => {
    const out = setDatabaseConnection(PACKAGED, SQLITE_URL);
    expect(databaseConnection(out)).toBe(SQLITE_URL);
    expect(out).toContain("#connection = not-this-one");
    expect(out.split("\n")[5]).toBe(`connection = ${SQLITE_URL}`);
  });

  it("replaces an active connection rather than adding a second one", () => {
    const once = setDatabaseConnection(PACKAGED, "sqlite:////old.db");
    const twice = setDatabaseConnection(once, SQLITE_URL);
    expect(twice.match(/^connection = /gm)).toHaveLength(1);
    expect(databaseConnection(twice)).toBe(SQLITE_URL);
  });

  it("adds the section when the file has none", () => {
    const out = setDatabaseConnection("[DEFAULT]\ndebug = false\n", SQLITE_URL);
    expect(databaseConnection(out)).toBe(SQLITE_URL);
    expect(out).toContain("debug = false");
  });
});
