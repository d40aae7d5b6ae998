import { asKeystone, distUpgradeArgv, inChroot } from "./commands.js";
import { type LabContext, problem } from "./context.js";
import { checkMisled, dbSyncArgv, parseCheckStatus } from "./db-sync.js";
import { packageVersion } from "./install-victoria.js";
import { startKeystone, stopKeystone } from "./keystone-service.js";
import { LabError, stepFailed } from "./lab-error.js";
import { pointSources } from "./prepare.js";
import type { LabRelease } from "./releases.js";

function dbSync(ctx: LabContext, step: "check" | "expand" | "migrate" | "contract") {
  return ctx.rec.run(inChroot(ctx.root, asKeystone(dbSyncArgv(step))), { allowFail: true });
}

/**
 * One offline hop: API down, database backed up (and its server stopped), sources switched,
 * dist-upgrade, the database server upgraded, the expand / migrate / contract steps with
 * --check between, the upgrade checks, API up. Returns the Keystone version installed.
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
  await ctx.db.beforeUpgrade(ctx, from);
  await pointSources(ctx, to.codename);
  await ctx.rec.run(inChroot(ctx.root, distUpgradeArgv()));
  await ctx.db.afterUpgrade(ctx, to);
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
  const before = await ctx.db.schemaVersions(ctx);
  const check = parseCheckStatus((await dbSync(ctx, "check")).code);
  await must(ctx, "expand");
  const afterExpand = await ctx.db.schemaVersions(ctx);
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
  await ctx.db.schemaVersions(ctx);
  await ctx.db.checkIntegrity(ctx);
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
  const repair = await ctx.db.repairContract(ctx, output);
  if (!repair)
    throw stepFailed("keystone-manage db_sync --contract", first.code, output.slice(-2000));
  const again = await dbSync(ctx, "contract");
  if (again.code !== 0)
    throw stepFailed(
      "keystone-manage db_sync --contract (after the repair)",
      again.code,
      again.stderr.slice(-2000),
    );
  await ctx.rec.note("fix", repair.fix, repair.problemId);
}

async function must(ctx: LabContext, step: "expand" | "migrate"): Promise<void> {
  const out = await dbSync(ctx, step);
  if (out.code !== 0)
    throw new LabError(
      "Schema sync failed",
      `keystone-manage db_sync --${step} exited ${out.code}.\n${out.stderr.slice(-1500)}`,
      `Restore the ${ctx.db.label} backup under /var/lib/keystone in the chroot and read the journal.`,
    );
}

/** Query output on one line, columns joined by `|` (sqlite3 prints `|`, mariadb tabs). */
function oneLine(text: string): string {
  return text.trim().split("\n").join(", ").replaceAll("\t", "|");
}
