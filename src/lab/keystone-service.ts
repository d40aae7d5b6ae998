import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { inChroot } from "./commands.js";
import { hostPath, type LabContext, problem } from "./context.js";
import { LabError, stepFailed } from "./lab-error.js";
import { isAppArmorFailure, LAB_INI, labUwsgiIni, PACKAGED_INI } from "./uwsgi-ini.js";

const PID_FILE = "/run/keystone-lab-uwsgi.pid";
const UWSGI_LOG = "/var/log/keystone/uwsgi-lab.log";

/**
 * The uwsgi command line: bound to loopback, sized for a small host, as the keystone user,
 * daemonized with its own log (where it writes why it died, e.g. the AppArmor failure).
 * `uwsgi` is uwsgi-core through alternatives on Debian 11–13; the ini's `plugins` loads Python.
 * Debian 11 has no `uwsgi_python3`, only `uwsgi_python39`.
 */
export function uwsgiArgv(ini: string, port: number, processes: number, threads: number): string[] {
  return [
    "uwsgi",
    "--ini",
    ini,
    "--http-socket",
    `127.0.0.1:${port}`,
    "--processes",
    String(processes),
    "--threads",
    String(threads),
    "--uid",
    "keystone",
    "--gid",
    "keystone",
    "--pidfile",
    PID_FILE,
    "--daemonize",
    UWSGI_LOG,
  ];
}

/** The PID of the lab's uwsgi master, or null. */
export function uwsgiPid(ctx: LabContext): number | null {
  const file = hostPath(ctx, PID_FILE);
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
  return Number.isInteger(pid) && pid > 0 && existsSync(`/proc/${pid}`) ? pid : null;
}

/**
 * Starts Keystone under uwsgi. The first start tries the packaged ini; when uwsgi dies on the
 * AppArmor profile change, that is recorded as a problem and the lab ini (AppArmor removed)
 * is derived and used from then on, derived afresh at every start as packages change.
 */
export async function startKeystone(ctx: LabContext): Promise<void> {
  if (!ctx.state.labIni) {
    if (await tryStart(ctx, PACKAGED_INI)) return;
    // The packaged ini logs to keystone.log (logto), so the failure is searched in every log.
    if (!isAppArmorFailure(keystoneLogs(ctx))) throw startFailed(ctx);
    const id = await problem(
      ctx,
      "uwsgi dies at once with the packaged keystone-uwsgi.ini: it loads the apparmor plugin and changes to the `keystone` profile (aa_change_profile: Invalid argument), and AppArmor is not active in the chroot.",
    );
    ctx.state.labIni = true;
    if (!(await tryStart(ctx, deriveIni(ctx)))) throw startFailed(ctx);
    await ctx.rec.note(
      "fix",
      `Derived ${LAB_INI} from the packaged ini with plugins = python3 and no apparmor-profile line; the packaged conffile stays untouched so dpkg can upgrade it. uwsgi starts.`,
      id,
    );
    return;
  }
  if (!(await tryStart(ctx, deriveIni(ctx)))) throw startFailed(ctx);
}

/** Stops uwsgi with SIGTERM (die-on-term) and waits until the master has exited. */
export async function stopKeystone(ctx: LabContext): Promise<void> {
  const pid = uwsgiPid(ctx);
  if (pid === null) return;
  // The master may exit between the PID check and the signal (a failed start dies on its own).
  await ctx.rec.run(["kill", "-TERM", String(pid)], { allowFail: true });
  for (let i = 0; i < 60 && existsSync(`/proc/${pid}`); i++) await sleep(500);
  if (existsSync(`/proc/${pid}`))
    await ctx.rec.run(["kill", "-KILL", String(pid)], { allowFail: true });
  rmSync(hostPath(ctx, PID_FILE), { force: true });
}

/** Text of every Keystone log file in the chroot, for searching errors. */
export function keystoneLogs(ctx: LabContext): string {
  const dir = hostPath(ctx, "/var/log/keystone");
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .filter((f) => f.endsWith(".log"))
    .map((f) => readText(`${dir}/${f}`))
    .join("\n");
}

function deriveIni(ctx: LabContext): string {
  const packaged = readFileSync(hostPath(ctx, PACKAGED_INI), "utf8");
  writeFileSync(hostPath(ctx, LAB_INI), labUwsgiIni(packaged));
  return LAB_INI;
}

async function tryStart(ctx: LabContext, ini: string): Promise<boolean> {
  rmSync(hostPath(ctx, PID_FILE), { force: true });
  writeFileSync(hostPath(ctx, UWSGI_LOG), "");
  // Counted before the launch: the master can die before the launcher returns.
  const appArmorBefore = appArmorCount(keystoneLogs(ctx));
  const launched = await ctx.rec.run(
    inChroot(ctx.root, uwsgiArgv(ini, ctx.port, 2, ctx.state.threads)),
    { allowFail: true },
  );
  // With --daemonize the launcher exits 0 even when the master dies later; non-zero means no start at all.
  if (launched.code !== 0)
    throw stepFailed("uwsgi", launched.code, `${launched.stdout}\n${launched.stderr}`.trim());
  const up = await waitForApi(ctx, appArmorBefore);
  if (!up) {
    await ctx.rec.run(
      inChroot(ctx.root, ["tail", "-n", "25", UWSGI_LOG, "/var/log/keystone/keystone.log"]),
      { allowFail: true },
    );
    await stopKeystone(ctx);
    return false;
  }
  await ctx.rec.run(inChroot(ctx.root, ["curl", "-sS", `http://127.0.0.1:${ctx.port}/v3`]));
  return true;
}

function appArmorCount(text: string): number {
  return text.split("aa_change_profile").length - 1;
}

async function waitForApi(ctx: LabContext, appArmorBefore: number): Promise<boolean> {
  for (let i = 0; i < 60; i++) {
    if (appArmorCount(keystoneLogs(ctx)) > appArmorBefore) return false;
    try {
      const res = await fetch(`http://127.0.0.1:${ctx.port}/v3`, {
        signal: AbortSignal.timeout(2000),
      });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return false;
}

function startFailed(ctx: LabContext): LabError {
  return new LabError(
    "Keystone did not start",
    `uwsgi in ${ctx.root} did not answer on 127.0.0.1:${ctx.port} within 30 s.`,
    `Read ${hostPath(ctx, UWSGI_LOG)} and the journal; check that the port is free (ss -ltnp).`,
  );
}

function readText(path: string): string {
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}
