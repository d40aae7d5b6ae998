import { readFileSync, writeFileSync } from "node:fs";
import {
  aptInstall,
  asKeystone,
  inChroot,
  isDownloadNotFound,
  madisonVersion,
} from "./commands.js";
import { hostPath, type LabContext, problem } from "./context.js";
import { dbSyncArgv } from "./db-sync.js";
import { adminEnv } from "./identity-env.js";
import { databaseConnection, setDatabaseConnection } from "./keystone-conf.js";
import { stepFailed } from "./lab-error.js";
import type { LabRelease } from "./releases.js";

const CONF = "/etc/keystone/keystone.conf";
const CLIENT = "python3-openstackclient";

/**
 * Installs Keystone from the release's archive. The candidate is tried first; when the archive
 * answers 404 for it, that is recorded and the point-release version is pinned instead.
 */
export async function installKeystone(ctx: LabContext, rel: LabRelease): Promise<void> {
  const tools = [CLIENT, ...ctx.db.packages];
  const first = await ctx.rec.run(
    inChroot(ctx.root, aptInstall(["keystone", "python3-keystone", ...tools])),
    { allowFail: true },
  );
  if (first.code === 0) return;
  const output = `${first.stdout}\n${first.stderr}`;
  if (!isDownloadNotFound(output))
    throw stepFailed("apt-get install keystone", first.code, output.slice(-2000));
  const failedUrl = /Failed to fetch (\S+)/.exec(output)?.[1] ?? "the candidate's .deb";
  const id = await problem(
    ctx,
    `apt-get install keystone fails: the archive answers 404 Not Found for ${failedUrl}, although the ${rel.codename}-security index lists it.`,
  );
  const madison = await ctx.rec.run(inChroot(ctx.root, ["apt-cache", "madison", "keystone"]));
  const version = madisonVersion(madison.stdout, `${rel.codename}/main`);
  if (!version)
    throw stepFailed(
      `apt-cache madison keystone (no ${rel.codename}/main version)`,
      1,
      madison.stdout,
    );
  await ctx.rec.run(
    inChroot(
      ctx.root,
      aptInstall([`keystone=${version}`, `python3-keystone=${version}`, ...tools]),
    ),
  );
  await ctx.rec.note(
    "fix",
    `Pinned the ${rel.codename} point-release build, which downloads: apt-get install keystone=${version} python3-keystone=${version}.`,
    id,
  );
}

/** Points keystone.conf at the lab's database when the install left `[database] connection` unset. */
export async function configureDatabase(ctx: LabContext): Promise<void> {
  const path = hostPath(ctx, CONF);
  const conf = readFileSync(path, "utf8");
  await ctx.rec.run(
    inChroot(ctx.root, ["sed", "-n", "/^\\[database\\]/,/^\\[/{/connection =/p}", CONF]),
  );
  if (databaseConnection(conf) !== null) return;
  const id = await problem(
    ctx,
    "The non-interactive install leaves Keystone without a database: debconf keystone/configure_db defaults to false, so `[database] connection` stays commented out in keystone.conf.",
  );
  writeFileSync(path, setDatabaseConnection(conf, ctx.db.connectionUrl(ctx)));
  await ctx.rec.run(
    inChroot(ctx.root, ["sed", "-n", "/^\\[database\\]/,/^\\[/{/^connection =/p}", CONF]),
  );
  await ctx.rec.note(
    "fix",
    `Set [database] connection = ${ctx.db.shownUrl()} in keystone.conf (the package leaves the file alone on upgrades, so this stays).`,
    id,
  );
}

/** db_sync, Fernet and credential keys, and the bootstrap of admin, roles, region and endpoints. */
export async function bootstrapKeystone(ctx: LabContext): Promise<void> {
  await ctx.rec.run(inChroot(ctx.root, asKeystone(dbSyncArgv())));
  for (const setup of ["fernet_setup", "credential_setup"]) {
    await ctx.rec.run(
      inChroot(ctx.root, [
        "keystone-manage",
        setup,
        "--keystone-user",
        "keystone",
        "--keystone-group",
        "keystone",
      ]),
    );
  }
  const url = `http://127.0.0.1:${ctx.port}/v3/`;
  const argv = [
    "keystone-manage",
    "bootstrap",
    "--bootstrap-admin-url",
    url,
    "--bootstrap-internal-url",
    url,
    "--bootstrap-public-url",
    url,
    "--bootstrap-region-id",
    "RegionOne",
  ];
  // keystone-manage reads OS_BOOTSTRAP_PASSWORD, which keeps the password out of argv.
  await ctx.rec.run(inChroot(ctx.root, asKeystone(argv)), {
    env: { OS_BOOTSTRAP_PASSWORD: adminEnv(ctx.port, ctx.secrets).OS_PASSWORD ?? "" },
  });
}

/** Installed version of a package in the chroot. */
export async function packageVersion(ctx: LabContext, pkg: string): Promise<string> {
  const out = await ctx.rec.run(
    // biome-ignore lint/suspicious/noTemplateCurlyInString: dpkg-query's format syntax, not a template
    inChroot(ctx.root, ["dpkg-query", "-W", "-f", "${Version}\\n", pkg]),
  );
  return out.stdout.trim();
}
