import { describe, expect, it } from "vitest";
import { databaseConnection, setDatabaseConnection } from "./keystone-conf.js";
import {
  backupLine,
  createDatabaseLine,
  errorLines,
  installDbArgv,
  isHostLookupFailure,
  keystoneLoginLine,
  MARIADB,
  MARIADB_SERIES,
  mariadbConf,
  mariadbConnectionUrl,
  serverMatches,
  shownConnectionUrl,
  startArgv,
  stopAndWaitArgv,
  tableProblems,
  upgradeArgv,
  upgradeNeeded,
} from "./mariadb.js";
import { RELEASES } from "./releases.js";

/** The lines of one `[group]` of an ini-style file, as `key` or `key = value`. */
function group(conf: string, name: string): string[] {
  const out: string[] = [];
  let inside = false;
  for (const line of conf.split("\n")) {
    const header = /^\[(.+)\]$/.exec(line.trim());
    if (header) inside = header[1] === name;
    else if (inside && line.trim() !== "" && !line.startsWith("#")) out.push(line.trim());
  }
  return out;
}

describe("the lab's MariaDB config", () => {
  it("gives server and clients the lab socket and keeps the server off the network", () => {
    const conf = mariadbConf();
    expect(group(conf, "client-server")).toEqual([`socket = ${MARIADB.socket}`]);
    const server = group(conf, "mariadb");
    expect(server).toContain("skip-networking");
    expect(server).toContain(`datadir = ${MARIADB.datadir}`);
    expect(server).toContain(`pid-file = ${MARIADB.pidFile}`);
    expect(server).toContain(`log-error = ${MARIADB.errorLog}`);
    expect(server).toContain("user = mysql");
  });

  it("keeps to its own datadir, not the packaged /var/lib/mysql", () => {
    expect(mariadbConf()).not.toContain("/var/lib/mysql\n");
    expect(MARIADB.datadir).not.toBe("/var/lib/mysql");
    expect(installDbArgv()).toContain(`--defaults-file=${MARIADB.conf}`);
    expect(startArgv().slice(-2)).toEqual(["--", `--defaults-file=${MARIADB.conf}`]);
  });

  it("starts mariadbd detached, with the PID file the teardown reads", () => {
    const argv = startArgv();
    expect(argv.slice(0, 3)).toEqual(["start-stop-daemon", "--start", "--background"]);
    expect(argv[argv.indexOf("--pidfile") + 1]).toBe(MARIADB.pidFile);
    expect(argv[argv.indexOf("--exec") + 1]).toBe("/usr/sbin/mariadbd");
  });
});

describe("Keystone's MariaDB connection", () => {
  it("uses PyMySQL over the lab socket", () => {
    const url = new URL(mariadbConnectionUrl("s3cret-Value_1"));
    expect(url.protocol).toBe("mysql+pymysql:");
    expect(url.username).toBe("keystone");
    expect(url.password).toBe("s3cret-Value_1");
    expect(url.hostname).toBe("localhost");
    expect(url.pathname).toBe("/keystone");
    expect(url.searchParams.get("unix_socket")).toBe(MARIADB.socket);
  });

  it("percent-encodes a password with URL syntax in it", () => {
    const password = "p@ss/w:rd?#%";
    const url = new URL(mariadbConnectionUrl(password));
    expect(decodeURIComponent(url.password)).toBe(password);
    expect(url.hostname).toBe("localhost");
    expect(url.searchParams.get("unix_socket")).toBe(MARIADB.socket);
  });

  it("lands in keystone.conf's [database] section", () => {
    const conf = "[DEFAULT]\n\n[database]\n#connection = <None>\n\n[token]\nprovider = fernet\n";
    const url = mariadbConnectionUrl("pw-123456");
    expect(databaseConnection(setDatabaseConnection(conf, url))).toBe(url);
  });

  it("is shown in notes without the password", () => {
    expect(shownConnectionUrl()).toContain("$LAB_DB_PASSWORD@localhost/keystone?unix_socket=");
  });

  it("creates the database and user with the password left to the chroot's shell", () => {
    const line = createDatabaseLine();
    expect(line).toContain("CREATE DATABASE keystone;");
    expect(line).toContain("CREATE USER 'keystone'@'localhost' IDENTIFIED BY '$LAB_DB_PASSWORD';");
    expect(line).toContain("GRANT ALL PRIVILEGES ON keystone.* TO 'keystone'@'localhost';");
    expect(line.startsWith(`mariadb --socket=${MARIADB.socket} -e "`)).toBe(true);
    expect(keystoneLoginLine()).toMatch(/^MYSQL_PWD="\$LAB_DB_PASSWORD" mariadb /);
  });
});

describe("MariaDB across the hops", () => {
  it("expects the series each Debian release ships", () => {
    expect(RELEASES.map((r) => MARIADB_SERIES[r.codename])).toEqual(["10.5", "10.11", "11.8"]);
  });

  it("tells the server of each hop from the others", () => {
    const [bullseye, bookworm, trixie] = RELEASES;
    if (!bullseye || !bookworm || !trixie) throw new Error("three releases expected");
    expect(serverMatches("10.5.29-MariaDB-0+deb11u1", bullseye)).toBe(true);
    expect(serverMatches("10.11.19-MariaDB-0+deb12u1\n", bookworm)).toBe(true);
    expect(serverMatches("11.8.9-MariaDB-0+deb13u1 from Debian", trixie)).toBe(true);
    expect(serverMatches("10.5.29-MariaDB-0+deb11u1", bookworm)).toBe(false);
    expect(serverMatches("10.1.48-MariaDB", bookworm)).toBe(false);
  });

  it("backs up each hop's database to a file named for the series it leaves", () => {
    expect(backupLine("victoria")).toBe(
      `mariadb-dump --socket=${MARIADB.socket} --single-transaction --databases keystone > /var/lib/keystone/keystone-victoria.sql`,
    );
    expect(backupLine("zed")).toMatch(/keystone-zed\.sql$/);
  });

  it("asks whether the system tables need an upgrade, then upgrades them on the lab socket", () => {
    expect(upgradeArgv(true)).toEqual([
      "mariadb-upgrade",
      `--socket=${MARIADB.socket}`,
      "--check-if-upgrade-is-needed",
    ]);
    expect(upgradeArgv()).toEqual(["mariadb-upgrade", `--socket=${MARIADB.socket}`]);
    expect(upgradeNeeded(0)).toBe(true);
    expect(upgradeNeeded(1)).toBe(false);
  });

  it("reads the errors a new server logs on old system tables", () => {
    const log = [
      "2026-11-25 11:40:41 0 [Note] InnoDB: Completed initialization of buffer pool",
      "2026-11-25 11:40:41 0 [ERROR] Incorrect definition of table mysql.event: expected column 'definer' at position 3 to have type varchar(, found type char(141).",
      "2026-11-25 11:40:41 0 [ERROR] mariadbd: Event Scheduler: An error occurred when initializing system tables. Disabling the Event Scheduler.",
    ].join("\n");
    expect(errorLines(log)).toEqual([
      "[ERROR] Incorrect definition of table mysql.event: expected column 'definer' at position 3 to have type varchar(, found type char(141).",
      "[ERROR] mariadbd: Event Scheduler: An error occurred when initializing system tables. Disabling the Event Scheduler.",
    ]);
    expect(errorLines("2026-11-25 11:40:41 0 [Note] ready for connections.")).toEqual([]);
  });

  it("finds the tables mariadb-check does not call OK", () => {
    const ok = "keystone.access_rule                               OK\nkeystone.user  OK\n";
    expect(tableProblems(ok)).toEqual([]);
    const bad = [
      "keystone.project                                   OK",
      "keystone.token",
      "Error    : Table 'keystone.token' is marked as crashed",
      "error    : Corrupt",
    ].join("\n");
    expect(tableProblems(bad)).toEqual([
      "keystone.token: Error    : Table 'keystone.token' is marked as crashed",
      "keystone.token: error    : Corrupt",
    ]);
  });

  it("recognises mariadb-install-db's refusal when localhost does not resolve", () => {
    const out = [
      "Neither host 'vm' nor 'localhost' could be looked up with",
      "'/usr/bin/resolveip'",
      "Please configure the 'hostname' command to return a correct",
      "hostname.",
    ].join("\n");
    expect(isHostLookupFailure(out)).toBe(true);
    expect(isHostLookupFailure("Installing MariaDB/MySQL system tables in '/var/lib/x' ...")).toBe(
      false,
    );
  });

  it("stops the server by PID with a clean shutdown and waits for it", () => {
    expect(stopAndWaitArgv(4242)).toEqual([
      "sh",
      "-c",
      "kill -TERM 4242 && timeout 120 tail --pid=4242 -f /dev/null",
    ]);
  });
});
