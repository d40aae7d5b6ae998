import { existsSync, writeFileSync } from "node:fs";
import { inChroot, shell } from "./commands.js";
import { hostPath, type LabContext, problem } from "./context.js";
import type { LabDatabase } from "./database.js";
import { schemaVersionSql } from "./db-sync.js";
import { LabError, stepFailed } from "./lab-error.js";
import {
  backupLine,
  checkTablesArgv,
  createDatabaseLine,
  errorLines,
  HOSTS_FILE,
  installDbArgv,
  isHostLookupFailure,
  keystoneLoginLine,
  MARIADB,
  MARIADB_PACKAGES,
  MARIADB_SERIES,
  MARIADB_VERSION_TABLES_SQL,
  makeDirsArgv,
  mariadbConf,
  mariadbConnectionUrl,
  queryArgv,
  serverMatches,
  shownConnectionUrl,
  tableProblems,
  upgradeArgv,
  upgradeNeeded,
} from "./mariadb.js";
import {
  mariadbErrorLog,
  mariadbTeardownStep,
  startMariadb,
  stopMariadb,
} from "./mariadb-service.js";
import type { LabRelease } from "./releases.js";

function query(ctx: LabContext, sql: string) {
  return ctx.rec.run(inChroot(ctx.root, queryArgv(sql)));
}

/** `$LAB_DB_PASSWORD` for shell lines in the chroot, so the value is in no argv. */
function dbEnv(ctx: LabContext): Record<string, string> {
  return { LAB_DB_PASSWORD: ctx.secrets.dbPassword };
}

/**
 * Keystone on MariaDB: the server Debian ships with each release (10.5, 10.11, 11.8) in the
 * lab's own datadir, started by PID, upgraded with the distribution (restart, mariadb-upgrade).
 */
export function mariadbDatabase(): LabDatabase {
  return {
    kind: "mariadb",
    label: "MariaDB",
    packages: MARIADB_PACKAGES,
    connectionUrl: (ctx) => mariadbConnectionUrl(ctx.secrets.dbPassword),
    shownUrl: () => shownConnectionUrl(),
    setup,
    beforeUpgrade: async (ctx, from) => {
      await ctx.rec.run(inChroot(ctx.root, shell(backupLine(from.series))));
      // The packages' maintainer scripts would stop it here; policy-rc.d keeps them from it.
      await stopMariadb(ctx);
    },
    afterUpgrade: upgradeServer,
    schemaVersions: async (ctx) => {
      const sql = schemaVersionSql((await query(ctx, MARIADB_VERSION_TABLES_SQL)).stdout);
      return sql ? (await query(ctx, sql)).stdout : "";
    },
    checkIntegrity: async (ctx) => {
      const out = await ctx.rec.run(inChroot(ctx.root, checkTablesArgv()));
      const bad = tableProblems(out.stdout);
      if (bad.length > 0)
        throw new LabError(
          "Keystone's tables are damaged",
          `mariadb-check reported: ${bad.join("; ")}`,
          `Restore /var/lib/keystone/keystone-SERIES.sql in ${ctx.root} and read the journal.`,
        );
    },
    repairContract: async () => null,
    checksMark: () => 0,
    repairChecks: async () => null,
    version: async (ctx) => `MariaDB ${(await query(ctx, "SELECT VERSION();")).stdout.trim()}`,
    stop: stopMariadb,
    teardownStep: (ctx) => mariadbTeardownStep(ctx.root),
  };
}

/** The lab's config, datadir and server, then Keystone's database and user. */
async function setup(ctx: LabContext): Promise<void> {
  writeFileSync(hostPath(ctx, MARIADB.conf), mariadbConf());
  await ctx.rec.run(inChroot(ctx.root, ["cat", MARIADB.conf]));
  await ctx.rec.run(inChroot(ctx.root, makeDirsArgv()));
  await initialiseDatadir(ctx);
  await startMariadb(ctx);
  await ctx.rec.run(inChroot(ctx.root, shell(createDatabaseLine())), { env: dbEnv(ctx) });
  await ctx.rec.run(inChroot(ctx.root, shell(keystoneLoginLine())), { env: dbEnv(ctx) });
}

/**
 * mariadb-install-db first looks up the host name and `localhost` (resolveip); a minbase chroot
 * has no /etc/hosts, so it refuses. When that happens it is noted, /etc/hosts written, and the
 * install run again.
 */
async function initialiseDatadir(ctx: LabContext): Promise<void> {
  const first = await ctx.rec.run(inChroot(ctx.root, installDbArgv()), { allowFail: true });
  if (first.code === 0) return;
  const output = `${first.stdout}\n${first.stderr}`;
  if (!isHostLookupFailure(output) || existsSync(hostPath(ctx, "/etc/hosts")))
    throw stepFailed("mariadb-install-db", first.code, output.slice(-2000));
  const id = await problem(
    ctx,
    "mariadb-install-db refuses to create the system tables: neither the host name nor 'localhost' could be looked up with resolveip. debootstrap --variant=minbase leaves the chroot without /etc/hosts, so nothing resolves localhost.",
  );
  writeFileSync(hostPath(ctx, "/etc/hosts"), HOSTS_FILE);
  await ctx.rec.run(inChroot(ctx.root, ["cat", "/etc/hosts"]));
  const again = await ctx.rec.run(inChroot(ctx.root, installDbArgv()), { allowFail: true });
  if (again.code !== 0)
    throw stepFailed(
      "mariadb-install-db (with /etc/hosts)",
      again.code,
      `${again.stdout}\n${again.stderr}`.slice(-2000),
    );
  await ctx.rec.note(
    "fix",
    "Wrote /etc/hosts in the chroot (localhost on 127.0.0.1 and ::1); mariadb-install-db then creates the system tables, root@localhost authenticating by Unix socket.",
    id,
  );
}

/**
 * After a distribution upgrade the new mariadbd opens the old datadir; its system tables are
 * still the old series' until mariadb-upgrade runs. When the first start logs errors about them,
 * that is noted and the server restarted after the upgrade, to show a clean start.
 */
async function upgradeServer(ctx: LabContext, to: LabRelease): Promise<void> {
  await startMariadb(ctx);
  const errors = errorLines(mariadbErrorLog(ctx));
  if (errors.length > 0)
    await ctx.rec.run(inChroot(ctx.root, ["grep", "-F", "[ERROR]", MARIADB.errorLog]), {
      allowFail: true,
    });
  const id =
    errors.length > 0
      ? await problem(
          ctx,
          `MariaDB ${MARIADB_SERIES[to.codename]} starts on the old datadir but logs ${errors.length} error(s) until its system tables are upgraded, e.g. "${errors[0]}".`,
        )
      : null;
  const check = await ctx.rec.run(inChroot(ctx.root, upgradeArgv(true)), { allowFail: true });
  if (upgradeNeeded(check.code)) await ctx.rec.run(inChroot(ctx.root, upgradeArgv()));
  const version = (await query(ctx, "SELECT VERSION();")).stdout.trim();
  if (!serverMatches(version, to))
    throw new LabError(
      "MariaDB was not upgraded",
      `After the upgrade to Debian ${to.debian} the server says ${version}; Debian ${to.debian} ships MariaDB ${MARIADB_SERIES[to.codename]}.`,
      "Read the dist-upgrade's output in the journal (held or removed mariadb packages).",
    );
  if (id === null) return;
  await stopMariadb(ctx);
  await startMariadb(ctx);
  const left = errorLines(mariadbErrorLog(ctx));
  if (left.length > 0)
    throw new LabError(
      "MariaDB still logs errors after mariadb-upgrade",
      left.slice(0, 5).join("\n"),
      `Read ${hostPath(ctx, MARIADB.errorLog)} and the journal.`,
    );
  await ctx.rec.note(
    "fix",
    `Ran mariadb-upgrade (system tables to ${version}) and restarted mariadbd: the restart logs no error. Debian's service runs mariadb-upgrade at each start (debian-start); by hand it is one more step after the packages change.`,
    id,
  );
}
