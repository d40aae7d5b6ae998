import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { verify } from "./checks.js";
import { freshLabState, type LabContext } from "./context.js";
import { labDatabase } from "./database.js";
import { seedData } from "./identity.js";
import { secretsEnvFile } from "./identity-env.js";
import {
  bootstrapKeystone,
  configureDatabase,
  installKeystone,
  packageVersion,
} from "./install-victoria.js";
import { startKeystone, stopKeystone, uwsgiPid } from "./keystone-service.js";
import { LabError } from "./lab-error.js";
import { machineProbe, type PreflightProbe, preflightProblems } from "./preflight.js";
import { prepareChroot } from "./prepare.js";
import { checkoutStacklog, makeRecorder, type Recorder } from "./recorder.js";
import { releasesUpTo } from "./releases.js";
import { Teardown, type TeardownStep } from "./teardown.js";
import type { HopResult, LabOptions, LabResult, LabSecrets } from "./types.js";
import { upgradeHop } from "./upgrade-hop.js";

/** Fresh throwaway credentials for one lab run. */
export function randomSecrets(rand: (n: number) => Buffer = randomBytes): LabSecrets {
  const word = () => rand(18).toString("base64url");
  return {
    adminPassword: word(),
    userPassword: word(),
    appCredentialSecret: word(),
    ec2Access: rand(10).toString("hex"),
    ec2Secret: word(),
    dbPassword: word(),
  };
}

/** The `stacklog start` arguments of a lab journal; `database` names the backend ("MariaDB"). */
export function startArgs(to: string, database = "SQLite"): string[] {
  const title = `Lab: Keystone Victoria → ${to === "zed" ? "Zed" : "Zed → 2025.1"} in Debian chroots (${database})`;
  return [
    "start",
    "--json",
    "--title",
    title,
    "--site",
    "stacklog-lab",
    "--system",
    "keystone-chroot",
    "--tool",
    "debian-packages",
    "--from",
    "victoria",
    "--to",
    to,
  ];
}

/**
 * Rehearses a Keystone upgrade for real: builds a Debian 11 chroot, installs Victoria on SQLite
 * or MariaDB, seeds data, then upgrades Debian release by release (Zed, then 2025.1), the
 * database server with it, and verifies tokens and data after each hop. Every step runs through
 * stacklog into a journal in DIR/stacklog; problems are noted only when met, each with its fix.
 * Needs root, 6 GiB free and the Debian archive.
 */
export async function runLab(
  opts: LabOptions,
  probe: PreflightProbe = machineProbe(),
): Promise<LabResult> {
  const began = Date.now();
  const to = opts.to ?? "2025.1";
  const backend = opts.backend ?? "sqlite";
  const dir = resolve(opts.dir);
  const mirror = opts.mirror ?? "http://deb.debian.org/debian";
  const missing = await preflightProblems(dir, mirror, probe);
  if (missing.length > 0)
    throw missing.length === 1
      ? missing[0]
      : new LabError(
          "The lab cannot run here",
          missing.map((m) => `${m.title}: ${m.message}`).join("\n"),
          missing.map((m) => m.hint).join(" "),
          2,
        );
  mkdirSync(dir, { recursive: true });
  const log = opts.log ?? (() => {});
  const home = opts.stacklogHome ?? join(dir, "stacklog");
  const secrets = opts.secrets ?? randomSecrets();
  const rec = makeRecorder({
    command: opts.stacklogCommand ?? checkoutStacklog(),
    home,
    env: {
      ...(opts.env ?? process.env),
      LANG: "C",
      LC_ALL: "C",
      DEBIAN_FRONTEND: "noninteractive",
    },
    logFile: join(dir, "lab.log"),
    log,
  });
  const secretsFile = join(dir, "lab-secrets.env");
  writeFileSync(secretsFile, secretsEnvFile(secrets), { mode: 0o600 });
  // Registered before any command runs, so no record ever holds the planted values.
  await rec.verb(["secrets", "add", secretsFile]);
  const db = labDatabase(backend);
  const journalId = (JSON.parse((await rec.verb(startArgs(to, db.label))).stdout) as { id: string })
    .id;
  const ctx: LabContext = {
    rec,
    dir,
    root: join(dir, "chroot"),
    port: opts.port ?? 5001,
    mirror,
    securityMirror: opts.securityMirror ?? "http://deb.debian.org/debian-security",
    secrets,
    db,
    teardown: new Teardown(),
    state: freshLabState(),
    log,
  };
  const signals = opts.signals ?? process;
  const onSignal = () => {
    ctx.teardown.runSync();
  };
  signals.on("SIGINT", onSignal);
  signals.on("SIGTERM", onSignal);
  let outcome = "abandoned";
  try {
    const hops = await runHops(ctx, to);
    await rec.verb(["phase", "--end"]);
    outcome = "completed";
    return {
      journalId,
      stacklogHome: home,
      chroot: ctx.root,
      hops,
      problems: ctx.state.problems,
      seconds: Math.round((Date.now() - began) / 1000),
      chrootBytes: duBytes(ctx.root),
    };
  } finally {
    signals.off("SIGINT", onSignal);
    signals.off("SIGTERM", onSignal);
    const failed = await ctx.teardown.runRecorded(rec);
    if (failed.length > 0)
      await rec.note("observation", `Teardown left behind: ${failed.join(", ")}`).catch(() => "");
    await rec.verb(["finish", "--status", outcome]).catch(() => undefined);
  }
}

async function runHops(ctx: LabContext, to: "zed" | "2025.1"): Promise<HopResult[]> {
  const releases = releasesUpTo(to);
  const [first] = releases;
  if (!first) return [];
  const hops: HopResult[] = [];
  await phase(ctx.rec, "prepare");
  let t = Date.now();
  await prepareChroot(ctx, first);
  // Registered after the mounts so they run before the unmounts: uwsgi and mariadbd hold files
  // under /dev.
  for (const step of serviceStops(ctx)) ctx.teardown.add(step);
  await phase(ctx.rec, `install ${first.series}`);
  await installKeystone(ctx, first);
  await ctx.db.setup(ctx);
  await configureDatabase(ctx);
  await bootstrapKeystone(ctx);
  await startKeystone(ctx);
  await seedData(ctx);
  hops.push({
    series: first.series,
    keystoneVersion: await packageVersion(ctx, "keystone"),
    database: await ctx.db.version(ctx),
    seconds: secondsSince(t),
    checks: await verify(ctx),
  });
  for (let i = 1; i < releases.length; i++) {
    const [from, next] = [releases[i - 1], releases[i]];
    if (!from || !next) break;
    await phase(ctx.rec, `upgrade to ${next.series}`);
    t = Date.now();
    const version = await upgradeHop(ctx, from, next);
    const checks = await verify(ctx);
    const database = await ctx.db.version(ctx);
    await ctx.rec.note(
      "observation",
      `Keystone ${version} on ${database}, Debian ${next.debian} (${next.series}), passes: ${checks.join("; ")}.`,
    );
    hops.push({
      series: next.series,
      keystoneVersion: version,
      database,
      seconds: secondsSince(t),
      checks,
    });
  }
  // Stopped here, waiting for each to exit, so the unmounts find /dev free.
  await stopKeystone(ctx);
  await ctx.db.stop(ctx);
  await ctx.rec.run(["du", "-sh", "-x", ctx.root]);
  return hops;
}

async function phase(rec: Recorder, name: string): Promise<void> {
  await rec.verb(["phase", name]);
}

/**
 * The undo steps that stop the lab's services, in registration order: the database server first,
 * so that it runs after Keystone's stop (the teardown runs steps in reverse).
 */
export function serviceStops(ctx: LabContext): TeardownStep[] {
  const db = ctx.db.teardownStep(ctx);
  const keystone = { label: "stop keystone", argv: () => keystoneKill(ctx) };
  return db ? [db, keystone] : [keystone];
}

function keystoneKill(ctx: LabContext): string[] | null {
  const pid = uwsgiPid(ctx);
  // Waits (up to 30 s) for the master to exit: while it runs, it holds files under the chroot's /dev.
  return pid === null
    ? null
    : ["sh", "-c", `kill -TERM ${pid} && timeout 30 tail --pid=${pid} -f /dev/null`];
}

function secondsSince(t: number): number {
  return Math.round((Date.now() - t) / 1000);
}

function duBytes(path: string): number {
  const out = spawnSync("du", ["-sbx", path], { encoding: "utf8" });
  return Number.parseInt(out.stdout ?? "0", 10) || 0;
}
