import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { inChroot } from "./commands.js";
import { hostPath, type LabContext } from "./context.js";
import { LabError } from "./lab-error.js";
import { client, MARIADB, startArgv, stopAndWaitArgv } from "./mariadb.js";
import type { TeardownStep } from "./teardown.js";

/**
 * The PID of the lab's MariaDB server under the chroot at `root`, or null when its PID file is
 * missing or names no live process called `comm`. Checking the name keeps a stale PID file from
 * sending a signal to an unrelated process that reused the number.
 */
export function mariadbPid(root: string, comm = "mariadbd", proc = "/proc"): number | null {
  const file = `${root}${MARIADB.pidFile}`;
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, "utf8"), 10);
  if (!Number.isInteger(pid) || pid <= 0) return null;
  const commFile = `${proc}/${pid}/comm`;
  return existsSync(commFile) && readFileSync(commFile, "utf8").trim() === comm ? pid : null;
}

/** The undo step that stops the lab's server by PID (clean shutdown) and waits for it to exit. */
export function mariadbTeardownStep(root: string, comm = "mariadbd"): TeardownStep {
  return {
    label: "stop mariadbd",
    argv: () => {
      const pid = mariadbPid(root, comm);
      return pid === null ? null : stopAndWaitArgv(pid);
    },
  };
}

/**
 * Starts mariadbd in the chroot and waits (up to 60 s) until it answers on its socket. The error
 * log is emptied first, so what the journal shows of it belongs to this start.
 */
export async function startMariadb(ctx: LabContext): Promise<void> {
  if (mariadbPid(ctx.root) !== null) return;
  rmSync(hostPath(ctx, MARIADB.pidFile), { force: true });
  rmSync(hostPath(ctx, MARIADB.socket), { force: true });
  writeFileSync(hostPath(ctx, MARIADB.errorLog), "");
  await ctx.rec.run(inChroot(ctx.root, startArgv()));
  if (!(await waitForSocket(ctx))) {
    await ctx.rec.run(inChroot(ctx.root, ["tail", "-n", "30", MARIADB.errorLog]), {
      allowFail: true,
    });
    throw new LabError(
      "MariaDB did not start",
      `mariadbd in ${ctx.root} did not open ${MARIADB.socket} within 60 s.`,
      `Read ${hostPath(ctx, MARIADB.errorLog)} and the journal.`,
    );
  }
  await ctx.rec.run(inChroot(ctx.root, client("mariadb-admin", ["ping"])));
}

/** Stops mariadbd by PID with SIGTERM and waits for it; a server that will not stop is an error. */
export async function stopMariadb(ctx: LabContext): Promise<void> {
  const pid = mariadbPid(ctx.root);
  if (pid === null) return;
  await ctx.rec.run(stopAndWaitArgv(pid), { allowFail: true });
  if (existsSync(`/proc/${pid}`))
    throw new LabError(
      "MariaDB did not stop",
      `mariadbd (PID ${pid}) is still running 120 s after SIGTERM.`,
      `Read ${hostPath(ctx, MARIADB.errorLog)}; stop it yourself (kill ${pid}) before unmounting the chroot.`,
    );
}

/** The error log of the current server start. */
export function mariadbErrorLog(ctx: LabContext): string {
  const file = hostPath(ctx, MARIADB.errorLog);
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

async function waitForSocket(ctx: LabContext): Promise<boolean> {
  for (let i = 0; i < 120; i++) {
    if (existsSync(hostPath(ctx, MARIADB.socket)) && mariadbPid(ctx.root) !== null) return true;
    // Gone after it had written its PID file: it stopped (the error log says why).
    if (i > 10 && existsSync(hostPath(ctx, MARIADB.pidFile)) && mariadbPid(ctx.root) === null)
      return false;
    await sleep(500);
  }
  return false;
}
