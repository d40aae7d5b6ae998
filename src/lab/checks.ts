import { asKeystone, inChroot, shell } from "./commands.js";
import { type LabContext, problem } from "./context.js";
import { inventory, os } from "./identity.js";
import { adminEnv, aliceEnv, appCredentialEnv } from "./identity-env.js";
import { missingAfter } from "./inventory.js";
import { keystoneLogs, startKeystone, stopKeystone } from "./keystone-service.js";
import { LabError } from "./lab-error.js";
import { isDatabaseLocked, WAL_PRAGMA, walEnabled } from "./sqlite-fixes.js";

const DB = "/var/lib/keystone/keystone.db";

/**
 * The checks after a start: the version document, new tokens for admin, alice and the
 * application credential, the pre-upgrade token, writes straight after a token, and every
 * seeded item. Returns one line per check passed; throws on the first that fails.
 * When a check fails because SQLite reported "database is locked" (Zed and later keep a
 * transaction open after answering), that is recorded, the database switched to WAL with one
 * thread per worker, and the checks run again from the start.
 */
export async function verify(ctx: LabContext): Promise<string[]> {
  const step = { now: "" };
  const locksBefore = countLocks(keystoneLogs(ctx));
  try {
    return await runChecks(ctx, step);
  } catch (err) {
    if (ctx.state.wal || countLocks(keystoneLogs(ctx)) <= locksBefore) throw err;
    const id = await problem(
      ctx,
      `${step.now} fails (HTTP 500, "Remote end closed connection without response" after the 5 s busy timeout): keystone.log says "database is locked". On SQLite this Keystone keeps a transaction open after answering a request, so the next request that writes, on another uwsgi worker or thread, waits for the lock and gives up.`,
    );
    await switchToWal(ctx);
    const passed = await runChecks(ctx, step);
    await ctx.rec.note(
      "fix",
      "Switched keystone.db to WAL (PRAGMA journal_mode=WAL, as the keystone user; it persists in the file) so open readers no longer block the writer, and run uwsgi with one thread per worker to avoid SQLite's cross-thread errors. The checks then pass from the start.",
      id,
    );
    return passed;
  }
}

async function runChecks(ctx: LabContext, step: { now: string }): Promise<string[]> {
  const passed: string[] = [];
  step.now = "GET /v3";
  const version = await ctx.rec.run(
    inChroot(ctx.root, ["curl", "-sS", `http://127.0.0.1:${ctx.port}/v3`]),
  );
  passed.push(`GET /v3: ${/"id":\s*"(v3\.\d+)"/.exec(version.stdout)?.[1] ?? "?"}`);
  step.now = "`openstack token issue` for admin";
  await os(ctx, TOKEN_EXPIRES, adminEnv(ctx.port, ctx.secrets));
  step.now = "`openstack token issue` for alice";
  await os(ctx, TOKEN_EXPIRES, aliceEnv(ctx.port, ctx.secrets));
  passed.push("tokens issued for admin and alice");
  if (ctx.state.appCredentialId) {
    step.now = "`openstack token issue` with the application credential";
    await os(
      ctx,
      TOKEN_EXPIRES,
      appCredentialEnv(ctx.port, ctx.state.appCredentialId, ctx.secrets),
    );
    passed.push("application credential authenticates");
  }
  step.now = "Validating the pre-upgrade token";
  if (ctx.state.oldToken) passed.push(await validateOldToken(ctx));
  step.now = "A write straight after a token (`openstack project set`)";
  passed.push(await writesAfterToken(ctx));
  step.now = "Listing the seeded data";
  if (ctx.state.inventory) {
    const missing = missingAfter(ctx.state.inventory, await inventory(ctx));
    if (missing.length > 0)
      throw new LabError(
        "Seeded data lost",
        `Missing after the upgrade: ${missing.join(", ")}.`,
        "Compare the database backups beside the chroot.",
      );
    passed.push(`all ${ctx.state.inventory.length} seeded items present, EC2 credential decrypts`);
  }
  return passed;
}

const TOKEN_EXPIRES = ["token", "issue", "-f", "value", "-c", "expires"];
const WRITES = 3;

async function validateOldToken(ctx: LabContext): Promise<string> {
  const line = `curl -sS -o /dev/null -w '%{http_code}' -H "X-Auth-Token: $LAB_OLD_TOKEN" -H "X-Subject-Token: $LAB_OLD_TOKEN" http://127.0.0.1:${ctx.port}/v3/auth/tokens`;
  const out = await ctx.rec.run(inChroot(ctx.root, shell(line)), {
    env: { LAB_OLD_TOKEN: ctx.state.oldToken ?? "" },
  });
  if (out.stdout.trim() !== "200")
    throw new LabError(
      "Pre-upgrade token rejected",
      `Validating alice's token issued on Victoria answered ${out.stdout.trim()}.`,
      "Check that the Fernet keys in /etc/keystone/fernet-keys survived the upgrade.",
    );
  return "token issued before the upgrades validates (200)";
}

/**
 * Writes right after a token request, each by a fresh client (which always asks for a token
 * first). Several, because whether the write lands on the worker holding SQLite's lock is chance.
 */
async function writesAfterToken(ctx: LabContext): Promise<string> {
  for (let i = 1; i <= WRITES; i++)
    await os(
      ctx,
      [
        "project",
        "set",
        "--description",
        `write ${i} after a token, ${new Date().toISOString()}`,
        "demo",
      ],
      adminEnv(ctx.port, ctx.secrets),
    );
  return `${WRITES} writes straight after a token succeed`;
}

async function switchToWal(ctx: LabContext): Promise<void> {
  await stopKeystone(ctx);
  const pragma = await ctx.rec.run(inChroot(ctx.root, asKeystone(["sqlite3", DB, WAL_PRAGMA])));
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
