import { asKeystone, inChroot, shell } from "./commands.js";
import { type LabContext, problem } from "./context.js";
import { adminEnv, aliceEnv, appCredentialEnv, secretVars } from "./identity-env.js";
import { assignments, ec2Credentials, missingAfter, names } from "./inventory.js";
import { keystoneLogs, startKeystone, stopKeystone } from "./keystone-service.js";
import { LabError } from "./lab-error.js";
import { isDatabaseLocked, WAL_PRAGMA, walEnabled } from "./sqlite-fixes.js";

const DB = "/var/lib/keystone/keystone.db";

function os(ctx: LabContext, args: string[], env: Record<string, string>, allowFail = false) {
  return ctx.rec.run(inChroot(ctx.root, ["openstack", ...args]), { env, allowFail });
}

function osShell(ctx: LabContext, line: string, env: Record<string, string>) {
  return ctx.rec.run(inChroot(ctx.root, shell(line)), {
    env: { ...env, ...secretVars(ctx.secrets) },
  });
}

/**
 * Seeds real data: a second domain, projects, users, a group with a member, role assignments
 * for users and the group, an application credential and an EC2 credential; then saves a token
 * of alice that must still validate after every upgrade.
 */
export async function seedData(ctx: LabContext): Promise<void> {
  const admin = adminEnv(ctx.port, ctx.secrets);
  const alice = aliceEnv(ctx.port, ctx.secrets);
  await os(
    ctx,
    ["domain", "create", "--description", "second domain of the lab", "lab-research"],
    admin,
  );
  await os(ctx, ["project", "create", "--domain", "default", "demo"], admin);
  await os(ctx, ["project", "create", "--domain", "lab-research", "physics"], admin);
  await osShell(
    ctx,
    'openstack user create --domain default --password "$LAB_USER_PASSWORD" alice',
    admin,
  );
  await osShell(
    ctx,
    'openstack user create --domain lab-research --password "$LAB_USER_PASSWORD" bob',
    admin,
  );
  await os(ctx, ["group", "create", "--domain", "default", "researchers"], admin);
  await os(ctx, ["group", "add", "user", "researchers", "alice"], admin);
  await os(ctx, ["role", "add", "--project", "demo", "--user", "alice", "member"], admin);
  await os(
    ctx,
    [
      "role",
      "add",
      "--project",
      "physics",
      "--project-domain",
      "lab-research",
      "--user",
      "bob",
      "--user-domain",
      "lab-research",
      "member",
    ],
    admin,
  );
  await os(
    ctx,
    [
      "role",
      "add",
      "--project",
      "physics",
      "--project-domain",
      "lab-research",
      "--group",
      "researchers",
      "--group-domain",
      "default",
      "reader",
    ],
    admin,
  );
  const cred = await osShell(
    ctx,
    'openstack application credential create --secret "$LAB_APP_CREDENTIAL_SECRET" -f value -c id lab-ci',
    alice,
  );
  ctx.state.appCredentialId = cred.stdout.trim().split("\n").pop() ?? null;
  await osShell(
    ctx,
    'openstack credential create --type ec2 --project demo alice "$LAB_EC2_BLOB"',
    admin,
  );
  const token = await os(ctx, ["token", "issue", "-f", "value", "-c", "id"], alice);
  ctx.state.oldToken = token.stdout.trim().split("\n").pop() ?? null;
  ctx.state.inventory = await inventory(ctx);
}

/** Everything seeded, as sorted `kind:name` entries. */
export async function inventory(ctx: LabContext): Promise<string[]> {
  const admin = adminEnv(ctx.port, ctx.secrets);
  const alice = aliceEnv(ctx.port, ctx.secrets);
  const list = async (args: string[], env = admin) =>
    (await os(ctx, [...args, "-f", "json"], env)).stdout;
  const out = [
    ...names("domain", await list(["domain", "list"])),
    ...names("project", await list(["project", "list"])),
    ...names("user", await list(["user", "list", "--domain", "default"])),
    ...names("user", await list(["user", "list", "--domain", "lab-research"])),
    ...names("group", await list(["group", "list"])),
    ...names("member:researchers", await list(["user", "list", "--group", "researchers"])),
    ...assignments(await list(["role", "assignment", "list", "--names"])),
    ...names("application-credential", await list(["application", "credential", "list"], alice)),
    ...ec2Credentials(await list(["credential", "list", "--type", "ec2"]), ctx.secrets.ec2Secret),
  ];
  return out.sort();
}

/**
 * The checks after a start: the version document, new tokens for admin, alice and the
 * application credential, the pre-upgrade token, a write straight after a token, and every
 * seeded item. Returns one line per check passed; throws on the first that fails.
 */
export async function verify(ctx: LabContext): Promise<string[]> {
  const passed: string[] = [];
  const version = await ctx.rec.run(
    inChroot(ctx.root, ["curl", "-sS", `http://127.0.0.1:${ctx.port}/v3`]),
  );
  passed.push(`GET /v3: ${/"id":\s*"(v3\.\d+)"/.exec(version.stdout)?.[1] ?? "?"}`);
  await os(
    ctx,
    ["token", "issue", "-f", "value", "-c", "expires"],
    adminEnv(ctx.port, ctx.secrets),
  );
  await os(
    ctx,
    ["token", "issue", "-f", "value", "-c", "expires"],
    aliceEnv(ctx.port, ctx.secrets),
  );
  passed.push("tokens issued for admin and alice");
  if (ctx.state.appCredentialId) {
    await os(
      ctx,
      ["token", "issue", "-f", "value", "-c", "expires"],
      appCredentialEnv(ctx.port, ctx.state.appCredentialId, ctx.secrets),
    );
    passed.push("application credential authenticates");
  }
  if (ctx.state.oldToken) passed.push(await validateOldToken(ctx));
  passed.push(await writeAfterToken(ctx));
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
 * A write right after a token request (what the openstack client always does). On SQLite,
 * Zed and later keep a read transaction open after issuing a token, so a write on another
 * worker waits out the busy timeout: detected from the log, fixed with WAL and one thread.
 */
async function writeAfterToken(ctx: LabContext): Promise<string> {
  const write = () =>
    os(
      ctx,
      [
        "project",
        "set",
        "--description",
        `written after a token, ${new Date().toISOString()}`,
        "demo",
      ],
      adminEnv(ctx.port, ctx.secrets),
      true,
    );
  const locksBefore = countLocks(keystoneLogs(ctx));
  const first = await write();
  if (first.code === 0) return "write straight after a token succeeds";
  const logs = keystoneLogs(ctx);
  if (ctx.state.wal || countLocks(logs) <= locksBefore) {
    throw new LabError(
      "Write after token failed",
      `openstack project set exited ${first.code}: ${first.stderr.trim().split("\n").pop() ?? ""}`,
      "Read /var/log/keystone in the chroot.",
    );
  }
  const id = await problem(
    ctx,
    `A write straight after a token request fails (exit ${first.code}, HTTP 500 after the busy timeout): keystone.log says "database is locked". On SQLite this Keystone keeps a read transaction open after issuing a token, so a writer on another uwsgi worker waits 5 s and gives up.`,
  );
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
  const again = await write();
  if (again.code !== 0)
    throw new LabError(
      "Write after token still fails",
      "Even with WAL and one thread per worker.",
      "Read /var/log/keystone in the chroot.",
    );
  await ctx.rec.note(
    "fix",
    "Switched keystone.db to WAL (PRAGMA journal_mode=WAL, as the keystone user; it persists in the file) so open readers no longer block the writer, and run uwsgi with one thread per worker to avoid the cross-thread SQLite errors. The write now succeeds.",
    id,
  );
  return "write straight after a token succeeds (after the WAL fix)";
}

function countLocks(text: string): number {
  return isDatabaseLocked(text) ? text.split("database is locked").length - 1 : 0;
}
