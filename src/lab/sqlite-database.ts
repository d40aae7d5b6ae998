import { asKeystone, inChroot } from "./commands.js";
import { type LabContext, problem } from "./context.js";
import type { LabDatabase, Repair } from "./database.js";
import { schemaVersionSql, VERSION_TABLES_SQL } from "./db-sync.js";
import { packageVersion } from "./install-victoria.js";
import { SQLITE_URL } from "./keystone-conf.js";
import { keystoneLogs, startKeystone, stopKeystone } from "./keystone-service.js";
import { LabError } from "./lab-error.js";
import {
  accessRuleNeedsRebuild,
  accessRuleRebuildSql,
  isDatabaseLocked,
  isMissingConstraintFailure,
  WAL_PRAGMA,
  walEnabled,
} from "./sqlite-fixes.js";

const DB = "/var/lib/keystone/keystone.db";

function sql(ctx: LabContext, statement: string) {
  return ctx.rec.run(inChroot(ctx.root, asKeystone(["sqlite3", DB, statement])));
}

/** Keystone on one SQLite file: no server; the SQLite-only repairs live here. */
export function sqliteDatabase(): LabDatabase {
  return {
    kind: "sqlite",
    label: "SQLite",
    packages: ["sqlite3"],
    connectionUrl: () => SQLITE_URL,
    shownUrl: () => SQLITE_URL,
    setup: async () => {},
    beforeUpgrade: async (ctx, from) => {
      await sql(ctx, `.backup /var/lib/keystone/keystone-${from.series}.db`);
    },
    afterUpgrade: async () => {},
    schemaVersions,
    checkIntegrity: async (ctx) => {
      await sql(ctx, "PRAGMA integrity_check;");
    },
    repairContract,
    checksMark: (ctx) => countLocks(keystoneLogs(ctx)),
    repairChecks,
    version: async (ctx) => `SQLite ${await packageVersion(ctx, "libsqlite3-0")}`,
    stop: async () => {},
    teardownStep: () => null,
  };
}

/** The schema versions as sqlite3 prints them (`alembic|head` or `repository|version` lines). */
async function schemaVersions(ctx: LabContext): Promise<string> {
  const query = schemaVersionSql((await sql(ctx, VERSION_TABLES_SQL)).stdout);
  return query ? (await sql(ctx, query)).stdout : "";
}

/** Keystone 27's contract on a Victoria-born database: the unnamed access_rule constraint. */
async function repairContract(ctx: LabContext, output: string): Promise<Repair | null> {
  const ddl = (await sql(ctx, "SELECT sql FROM sqlite_master WHERE name='access_rule';")).stdout;
  if (!isMissingConstraintFailure(output) || !accessRuleNeedsRebuild(ddl)) return null;
  const problemId = await problem(
    ctx,
    "db_sync --contract fails: ValueError: No such constraint: 'access_rule_external_id_key'. Victoria's legacy migration created the unique constraint on access_rule.external_id without a name on SQLite, and the contract migration 99de3849d860 drops it by that name.",
  );
  const indexes = (
    await sql(
      ctx,
      "SELECT sql || ';' FROM sqlite_master WHERE tbl_name='access_rule' AND type='index' AND sql IS NOT NULL;",
    )
  ).stdout;
  await sql(ctx, accessRuleRebuildSql(indexes.split("\n").filter((l) => l.trim() !== "")));
  return {
    problemId,
    fix: "Rebuilt access_rule (foreign keys off, one transaction) with the constraint named access_rule_external_id_key, rows and indexes kept; --contract then applies the remaining migrations.",
  };
}

/**
 * Checks that failed because SQLite reported "database is locked" (Zed and later keep a
 * transaction open after answering): the database goes to WAL with one thread per worker.
 */
async function repairChecks(ctx: LabContext, step: string, mark: number): Promise<Repair | null> {
  if (ctx.state.wal || countLocks(keystoneLogs(ctx)) <= mark) return null;
  const problemId = await problem(
    ctx,
    `${step} fails (HTTP 500, "Remote end closed connection without response" after the 5 s busy timeout): keystone.log says "database is locked". On SQLite this Keystone keeps a transaction open after answering a request, so the next request that writes, on another uwsgi worker or thread, waits for the lock and gives up.`,
  );
  await switchToWal(ctx);
  return {
    problemId,
    fix: "Switched keystone.db to WAL (PRAGMA journal_mode=WAL, as the keystone user; it persists in the file) so open readers no longer block the writer, and run uwsgi with one thread per worker to avoid SQLite's cross-thread errors. The checks then pass from the start.",
  };
}

async function switchToWal(ctx: LabContext): Promise<void> {
  await stopKeystone(ctx);
  const pragma = await sql(ctx, WAL_PRAGMA);
  if (!walEnabled(pragma.stdout))
    throw new LabError(
      "WAL not enabled",
      `The pragma answered ${pragma.stdout.trim()}.`,
      "Check the database's owner and directory permissions.",
    );
  ctx.state.wal = true;
  ctx.state.threads = 1;
  await startKeystone(ctx);
}

function countLocks(text: string): number {
  return isDatabaseLocked(text) ? text.split("database is locked").length - 1 : 0;
}
