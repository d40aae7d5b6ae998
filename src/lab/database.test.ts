import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { freshLabState, type LabContext } from "./context.js";
import { labDatabase } from "./database.js";
import type { Recorder } from "./recorder.js";
import { randomSecrets, serviceStops } from "./run-lab.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A recorder that fails the test if a step tries to run anything. */
const noCommands: Recorder = {
  run: (argv) => Promise.reject(new Error(`unexpected command: ${argv.join(" ")}`)),
  verb: (args) => Promise.reject(new Error(`unexpected verb: ${args.join(" ")}`)),
  note: (_kind, text) => Promise.reject(new Error(`unexpected note: ${text}`)),
};

/** A lab context over a chroot-shaped temp folder whose keystone.log holds `keystoneLog`. */
function labContext(backend: "sqlite" | "mariadb", keystoneLog = ""): LabContext {
  const root = mkdtempSync(join(tmpdir(), "stacklog-lab-ctx-"));
  dirs.push(root);
  mkdirSync(join(root, "var/log/keystone"), { recursive: true });
  writeFileSync(join(root, "var/log/keystone/keystone.log"), keystoneLog);
  return {
    rec: noCommands,
    dir: root,
    root,
    port: 5001,
    mirror: "http://deb.debian.org/debian",
    securityMirror: "http://deb.debian.org/debian-security",
    secrets: randomSecrets(),
    db: labDatabase(backend),
    teardown: undefined as never,
    state: freshLabState(),
    log: () => {},
  };
}

describe("the lab's database backends", () => {
  it("installs MariaDB's server, client and Keystone's driver, and no sqlite3", () => {
    expect(labDatabase("mariadb").packages).toEqual([
      "mariadb-server",
      "mariadb-client",
      "python3-pymysql",
    ]);
    expect(labDatabase("sqlite").packages).toEqual(["sqlite3"]);
  });

  it("points Keystone at MariaDB with the planted database password", () => {
    const ctx = labContext("mariadb");
    const url = ctx.db.connectionUrl(ctx);
    expect(url).toContain(`keystone:${ctx.secrets.dbPassword}@localhost/keystone?unix_socket=`);
    expect(ctx.db.shownUrl()).not.toContain(ctx.secrets.dbPassword);
  });

  it("does not apply SQLite's constraint rebuild to MariaDB", async () => {
    const ctx = labContext("mariadb");
    const failure = "ValueError: No such constraint: 'access_rule_external_id_key'";
    expect(await ctx.db.repairContract(ctx, failure)).toBeNull();
  });

  it("does not apply SQLite's WAL switch to MariaDB, whatever keystone.log says", async () => {
    const ctx = labContext("mariadb", "OperationalError: database is locked\n");
    const mark = ctx.db.checksMark(ctx);
    expect(await ctx.db.repairChecks(ctx, "a write", mark - 1)).toBeNull();
    expect(ctx.state.wal).toBe(false);
    expect(ctx.state.threads).toBe(4);
  });

  it("leaves SQLite's lock repair alone when no new lock was logged", async () => {
    const ctx = labContext("sqlite", "OperationalError: database is locked\n");
    const mark = ctx.db.checksMark(ctx);
    expect(mark).toBe(1);
    expect(await ctx.db.repairChecks(ctx, "a write", mark)).toBeNull();
  });

  it("stops Keystone, then mariadbd, before the unmounts; SQLite has only Keystone to stop", () => {
    expect(serviceStops(labContext("mariadb")).map((s) => s.label)).toEqual([
      "stop mariadbd",
      "stop keystone",
    ]);
    expect(serviceStops(labContext("sqlite")).map((s) => s.label)).toEqual(["stop keystone"]);
    // Nothing runs yet: neither PID file exists.
    expect(serviceStops(labContext("mariadb")).map((s) => s.argv())).toEqual([null, null]);
  });
});
