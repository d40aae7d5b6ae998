import type { LabRelease } from "./releases.js";

/**
 * The lab's own MariaDB, apart from the packaged one: the Debian package initialises and
 * configures /var/lib/mysql for a systemd service that a chroot does not have, so the lab keeps
 * its server in its own datadir with its own socket, reads only its own config file and starts
 * and stops `mariadbd` by PID. The packaged files stay untouched, so dpkg upgrades them cleanly.
 */
export const MARIADB = {
  conf: "/etc/mysql/keystone-lab.cnf",
  runDir: "/run/mariadb-lab",
  socket: "/run/mariadb-lab/mariadbd.sock",
  pidFile: "/run/mariadb-lab/mariadbd.pid",
  datadir: "/var/lib/mariadb-lab",
  logDir: "/var/log/mariadb-lab",
  errorLog: "/var/log/mariadb-lab/error.log",
  database: "keystone",
  user: "keystone",
} as const;

/** The packages the MariaDB backend adds: the server, its clients and Keystone's driver. */
export const MARIADB_PACKAGES = ["mariadb-server", "mariadb-client", "python3-pymysql"] as const;

/** The MariaDB series each Debian release ships; the lab checks the server it runs is that one. */
export const MARIADB_SERIES: Readonly<Record<LabRelease["codename"], string>> = {
  bullseye: "10.5",
  bookworm: "10.11",
  trixie: "11.8",
};

/**
 * The lab server's config file. `[client-server]` gives the socket to the server and every
 * client; `[mariadb]` is read by the server of every series from 10.5 to 11.x. The character set
 * follows Debian's packaged 50-server.cnf (utf8mb4), which `--defaults-file` does not read.
 */
export function mariadbConf(): string {
  return [
    "# stacklog lab: the Keystone database server, started by hand (no systemd in a chroot)",
    "[client-server]",
    `socket = ${MARIADB.socket}`,
    "",
    "[mariadb]",
    "user = mysql",
    `datadir = ${MARIADB.datadir}`,
    `pid-file = ${MARIADB.pidFile}`,
    `log-error = ${MARIADB.errorLog}`,
    "skip-networking",
    "character-set-server = utf8mb4",
    "collation-server = utf8mb4_general_ci",
    "innodb_buffer_pool_size = 128M",
    "",
  ].join("\n");
}

/**
 * Keystone's `[database] connection` for the lab server: PyMySQL over the lab's Unix socket.
 * The password is percent-encoded, so any value survives the URL.
 */
export function mariadbConnectionUrl(password: string, socket: string = MARIADB.socket): string {
  const user = encodeURIComponent(MARIADB.user);
  const pw = encodeURIComponent(password);
  return `mysql+pymysql://${user}:${pw}@localhost/${MARIADB.database}?unix_socket=${socket}`;
}

/** The connection URL as notes show it: the password replaced by the variable that holds it. */
export function shownConnectionUrl(socket: string = MARIADB.socket): string {
  return `mysql+pymysql://${MARIADB.user}:$LAB_DB_PASSWORD@localhost/${MARIADB.database}?unix_socket=${socket}`;
}

/** A MariaDB client (mariadb, mariadb-dump, mariadb-check, …) on the lab socket. */
export function client(tool: string, args: readonly string[] = []): string[] {
  return [tool, `--socket=${MARIADB.socket}`, ...args];
}

/** Creates the lab's directories, owned by the server's user, inside the chroot. */
export function makeDirsArgv(): string[] {
  return [
    "install",
    "-d",
    "-o",
    "mysql",
    "-g",
    "mysql",
    "-m",
    "0755",
    MARIADB.runDir,
    MARIADB.datadir,
    MARIADB.logDir,
  ];
}

/** Initialises the lab datadir (system tables; root@localhost authenticates by Unix socket). */
export function installDbArgv(): string[] {
  return ["mariadb-install-db", `--defaults-file=${MARIADB.conf}`, "--skip-test-db"];
}

/**
 * Starts `mariadbd` in the background; start-stop-daemon detaches it (new session, stdio on
 * /dev/null), so the recorded command returns at once and the server writes its PID file.
 */
export function startArgv(): string[] {
  return [
    "start-stop-daemon",
    "--start",
    "--background",
    "--pidfile",
    MARIADB.pidFile,
    "--exec",
    "/usr/sbin/mariadbd",
    "--",
    `--defaults-file=${MARIADB.conf}`,
  ];
}

/**
 * A shell line that creates Keystone's database and user. The password stays in the chroot's
 * environment (`$LAB_DB_PASSWORD`), so neither argv nor the journal holds it.
 */
export function createDatabaseLine(): string {
  const who = `'${MARIADB.user}'@'localhost'`;
  const sql = [
    `CREATE DATABASE ${MARIADB.database};`,
    `CREATE USER ${who} IDENTIFIED BY '$LAB_DB_PASSWORD';`,
    `GRANT ALL PRIVILEGES ON ${MARIADB.database}.* TO ${who};`,
  ].join(" ");
  return `${client("mariadb").join(" ")} -e "${sql}"`;
}

/** Logs in as Keystone's user (password from `$LAB_DB_PASSWORD` via MYSQL_PWD), says who it is. */
export function keystoneLoginLine(): string {
  return `MYSQL_PWD="$LAB_DB_PASSWORD" ${client("mariadb", ["-u", MARIADB.user, MARIADB.database]).join(" ")} -N -e "SELECT CURRENT_USER(), VERSION();"`;
}

/** Runs SQL as root in Keystone's database, tab-separated without column names. */
export function queryArgv(sql: string): string[] {
  return client("mariadb", ["-N", "-B", MARIADB.database, "-e", sql]);
}

/** A dump of Keystone's database beside it, taken before a hop (consistent, InnoDB). */
export function backupLine(series: string): string {
  const dump = client("mariadb-dump", ["--single-transaction", "--databases", MARIADB.database]);
  return `${dump.join(" ")} > /var/lib/keystone/keystone-${series}.sql`;
}

/** SQL naming the schema-version tables Keystone's database has (MariaDB's VERSION_TABLES_SQL). */
export const MARIADB_VERSION_TABLES_SQL = `SELECT table_name FROM information_schema.tables WHERE table_schema='${MARIADB.database}' AND table_name IN ('alembic_version', 'migrate_version') ORDER BY table_name;`;

/**
 * `mariadb-upgrade`: the 10.5 rename of mysql_upgrade, present under that name on 10.5, 10.11
 * and 11.x (where mysql_upgrade is only a compatibility link). `check` asks whether the
 * system tables are older than the server.
 */
export function upgradeArgv(check = false): string[] {
  return client("mariadb-upgrade", check ? ["--check-if-upgrade-is-needed"] : []);
}

/**
 * Reads `mariadb-upgrade --check-if-upgrade-is-needed`: exit 0 means an upgrade is needed (or
 * the version could not be told), 1 that the system tables match the server.
 */
export function upgradeNeeded(code: number): boolean {
  return code !== 1;
}

/** Checks every table of the given databases (CHECK TABLE through mariadb-check). */
export function checkTablesArgv(databases: readonly string[] = [MARIADB.database]): string[] {
  return client("mariadb-check", ["--databases", ...databases]);
}

/** Lines of mariadb-check output whose table is not OK (an empty list means all are). */
export function tableProblems(output: string): string[] {
  const bad: string[] = [];
  let table = "";
  for (const raw of output.split("\n")) {
    const line = raw.trim();
    const row = /^(\S+\.\S+)(?:\s+(\S.*))?$/.exec(line);
    const detail = /^(error|status)\s*:\s*(.*)$/i.exec(line);
    if (row) {
      table = row[1] ?? "";
      if (row[2] !== undefined && row[2] !== "OK") bad.push(line);
    } else if (detail && detail[2] !== "OK") bad.push(`${table}: ${line}`);
  }
  return bad;
}

/** Whether `SELECT VERSION()` shows the series the release ships (`10.11.19-MariaDB-0+deb12u1`). */
export function serverMatches(version: string, rel: LabRelease): boolean {
  return version.trim().startsWith(`${MARIADB_SERIES[rel.codename]}.`);
}

/**
 * Whether mariadb-install-db refused because neither the host name nor `localhost` resolve
 * (it calls resolveip first; a minbase chroot has no /etc/hosts).
 */
export function isHostLookupFailure(output: string): boolean {
  return /could be looked up with/.test(output) && /resolveip/.test(output);
}

/** The /etc/hosts the lab writes into a chroot that has none. */
export const HOSTS_FILE = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n";

/**
 * A shell command that stops the process `pid` with SIGTERM (MariaDB's clean shutdown, which a
 * newer major version needs to open the datadir) and waits for it to exit.
 */
export function stopAndWaitArgv(pid: number, seconds = 120): string[] {
  return ["sh", "-c", `kill -TERM ${pid} && timeout ${seconds} tail --pid=${pid} -f /dev/null`];
}

/** The `[ERROR]` lines of a MariaDB error log. */
export function errorLines(log: string): string[] {
  return log
    .split("\n")
    .filter((l) => l.includes("[ERROR]"))
    .map((l) => l.replace(/^\S+\s+\S+\s+\d+\s+/, "").trim());
}
