import { inChroot, shell } from "./commands.js";
import type { LabContext } from "./context.js";
import { inventory, os } from "./identity.js";
import { adminEnv, aliceEnv, appCredentialEnv } from "./identity-env.js";
import { missingAfter } from "./inventory.js";
import { LabError } from "./lab-error.js";

/**
 * The checks after a start: the version document, new tokens for admin, alice and the
 * application credential, the pre-upgrade token, writes straight after a token, and every
 * seeded item. Returns one line per check passed; throws on the first that fails. When the
 * database backend recognises the failure (SQLite's "database is locked" on Zed and later), it
 * notes the problem and repairs it, and the checks run again from the start.
 */
export async function verify(ctx: LabContext): Promise<string[]> {
  const step = { now: "" };
  const mark = ctx.db.checksMark(ctx);
  try {
    return await runChecks(ctx, step);
  } catch (err) {
    const repair = await ctx.db.repairChecks(ctx, step.now, mark);
    if (!repair) throw err;
    const passed = await runChecks(ctx, step);
    await ctx.rec.note("fix", repair.fix, repair.problemId);
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
