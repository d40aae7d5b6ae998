import { inChroot, shell } from "./commands.js";
import type { LabContext } from "./context.js";
import { adminEnv, aliceEnv, secretVars } from "./identity-env.js";
import { assignments, ec2Credentials, names } from "./inventory.js";

/** `openstack ARGS` in the chroot with the given client settings, recorded. */
export function os(
  ctx: LabContext,
  args: string[],
  env: Record<string, string>,
  allowFail = false,
) {
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
