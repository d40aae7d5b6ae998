import { asKeystone, distUpgradeArgv, inChroot } from "./commands.js";
import { type LabContext, problem } from "./context.js";
import {
  checkMisled,
  dbSyncArgv,
  parseCheckStatus,
  schemaVersionSql,
  VERSION_TABLES_SQL,
} from "./db-sync.js";
import { packageVersion } from "./install-victoria.js";
import { startKeystone, stopKeystone } from "./keystone-service.js";
import { LabError, stepFailed } from "./lab-error.js";
import { pointSources } from "./prepare.js";
import type { LabRelease } from "./releases.js";
import {
  accessRuleNeedsRebuild,
  accessRuleRebuildSql,
  isMissingConstraintFailure,
} from "./sqlite-fixes.js";

const DB = "/var/lib/keystone/keystone.db";

function sql(ctx: LabContext, statement: string, allowFail = false) {
  return ctx.rec.run(inChroot(ctx.root, asKeystone(["sqlite3", DB, statement])), { allowFail });
}

function dbSync(ctx: LabContext, step: "check" | "expand" | "migrate" | "contract") {
  return ctx.rec.run(inChroot(ctx.root, asKeystone(dbSyncArgv(step))), { allowFail: true });
}

/**
 * One offline hop: API down, database backed up, sources switched, dist-upgrade, the
 * expand / migrate / contract steps with --check between, the upgrade checks, API up.
 * Returns the Keystone version installed.
 */
export async function upgradeHop(
  ctx: LabContext,
  from: LabRelease,
  to: LabRelease,
): Promise<string> {
  await ctx.rec.verb([
    "milestone",
    "API downtime",
    "--begin",
    "-m",
    `upgrade ${from.series} → ${to.series}`,
  ]);
  await stopKeystone(ctx);
  await sql(ctx, `.backup /var/lib/keystone/keystone-${from.series}.db`);
  await pointSources(ctx, to.codename);
  await ctx.rec.run(inChroot(ctx.root, distUpgradeArgv()));
  const version = await packageVersion(ctx, "keystone");
  await syncSchema(ctx);
  const status = await ctx.rec.run(
    inChroot(ctx.root, asKeystone(["keystone-status", "upgrade", "check"])),
    { allowFail: true },
  );
  if (status.code >= 2)
    throw stepFailed("keystone-status upgrade check", status.code, status.stdout.slice(-2000));
  await startKeystone(ctx);
  await ctx.rec.verb(["milestone", "API downtime", "--end", "-m", `keystone ${version} answers`]);
  return version;
}

async function syncSchema(ctx: LabContext): Promise<void> {
  const before = await schemaVersions(ctx);
  const check = parseCheckStatus((await dbSync(ctx, "check")).code);
  await must(ctx, "expand");
  const afterExpand = await schemaVersions(ctx);
  if (checkMisled(check, before, afterExpand)) {
    const id = await problem(
      ctx,
      `db_sync --check said up to date (exit 0) before the sync, yet --expand then moved the schema from [${oneLine(before)}] to [${oneLine(afterExpand)}]: --check cannot be trusted as a gate on this release.`,
    );
    await ctx.rec.note(
      "fix",
      "Ran expand, migrate and contract regardless of --check, and compared the alembic_version heads before and after instead.",
      id,
    );
  }
  await dbSync(ctx, "check");
  await must(ctx, "migrate");
  await contract(ctx);
  await dbSync(ctx, "check");
  await sql(ctx, "PRAGMA integrity_check;");
}

/** The schema versions as sqlite3 prints them (`alembic|head` or `repository|version` lines). */
async function schemaVersions(ctx: LabContext): Promise<string> {
  const query = schemaVersionSql((await sql(ctx, VERSION_TABLES_SQL)).stdout);
  return query ? (await sql(ctx, query)).stdout : "";
}

async function contract(ctx: LabContext): Promise<void> {
  const first = await dbSync(ctx, "contract");
  if (first.code === 0) return;
  // keystone-manage 27 writes its traceback to keystone.log (log_file), not to stderr.
  const logTail = await ctx.rec.run(
    inChroot(ctx.root, ["tail", "-n", "40", "/var/log/keystone/keystone.log"]),
    { allowFail: true },
  );
  const output = `${first.stdout}\n${first.stderr}\n${logTail.stdout}`;
  const ddl = (await sql(ctx, "SELECT sql FROM sqlite_master WHERE name='access_rule';")).stdout;
  if (!isMissingConstraintFailure(output) || !accessRuleNeedsRebuild(ddl))
    throw stepFailed("keystone-manage db_sync --contract", first.code, output.slice(-2000));
  const id = await problem(
    ctx,
    "db_sync --contract fails: ValueError: No such constraint: 'access_rule_external_id_key'. Victoria's legacy migration created the unique constraint on access_rule.external_id without a name on SQLite, and the contract migration 99de3849d860 drops it by that name.",
  );
  const indexes = (
    await sql(
      ctx,
      "SELECT sql || ';' FROM sqlite_master WHERE tbl_name='access_rule' AND type='index' AND sql IS NOT NULL;",
    )
  ).stdout;
  const rebuild = accessRuleRebuildSql(indexes.split("\n").filter((l) => l.trim() !== ""));
  await sql(ctx, rebuild);
  const again = await dbSync(ctx, "contract");
  if (again.code !== 0)
    throw stepFailed(
      "keystone-manage db_sync --contract (after the access_rule rebuild)",
      again.code,
      again.stderr.slice(-2000),
    );
  await ctx.rec.note(
    "fix",
    "Rebuilt access_rule (foreign keys off, one transaction) with the constraint named access_rule_external_id_key, rows and indexes kept; --contract then applies the remaining migrations.",
    id,
  );
}

async function must(ctx: LabContext, step: "expand" | "migrate"): Promise<void> {
  const out = await dbSync(ctx, step);
  if (out.code !== 0)
    throw new LabError(
      "Schema sync failed",
      `keystone-manage db_sync --${step} exited ${out.code}.\n${out.stderr.slice(-1500)}`,
      "Restore the backup beside keystone.db and read the journal.",
    );
}

function oneLine(text: string): string {
  return text.trim().split("\n").join(", ");
}
