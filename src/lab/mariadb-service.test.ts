import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { MARIADB } from "./mariadb.js";
import { mariadbPid, mariadbTeardownStep } from "./mariadb-service.js";
import { chrootMounts, Teardown } from "./teardown.js";

const dirs: string[] = [];
const pids: number[] = [];
afterEach(() => {
  for (const pid of pids.splice(0)) if (alive(pid)) process.kill(pid, "SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A chroot-shaped folder whose MariaDB PID file names `pid`. */
function rootWithPid(pid: number | string): string {
  const root = mkdtempSync(join(tmpdir(), "stacklog-lab-db-"));
  dirs.push(root);
  mkdirSync(join(root, MARIADB.runDir), { recursive: true });
  writeFileSync(join(root, MARIADB.pidFile), `${pid}\n`);
  return root;
}

/**
 * A real process standing in for mariadbd: `sleep`, told apart by its name. Started by a shell
 * that exits at once, so it is nobody's child here and, like the lab's daemonized server, is
 * reaped by init when it exits.
 */
function server(): number {
  const out = spawnSync("sh", ["-c", "sleep 60 >/dev/null 2>&1 & echo $!"], { encoding: "utf8" });
  const pid = Number.parseInt(out.stdout, 10);
  pids.push(pid);
  return pid;
}

function alive(pid: number): boolean {
  return existsSync(`/proc/${pid}`);
}

describe("the lab's MariaDB process", () => {
  it("is found by the PID in its PID file when the process has that name", () => {
    const pid = server();
    expect(mariadbPid(rootWithPid(pid), "sleep")).toBe(pid);
  });

  it("is not found when the PID file names a process of another name", () => {
    expect(mariadbPid(rootWithPid(server()))).toBeNull();
  });

  it("is not found when the PID file is missing, stale or garbage", async () => {
    const pid = server();
    const root = rootWithPid(pid);
    process.kill(pid, "SIGKILL");
    while (alive(pid)) await sleep(20);
    expect(mariadbPid(root, "sleep")).toBeNull();
    expect(mariadbPid(rootWithPid("not a pid"), "sleep")).toBeNull();
    rmSync(join(root, MARIADB.pidFile));
    expect(mariadbPid(root, "sleep")).toBeNull();
  });

  it("is stopped by the teardown, which waits for it to exit, after Keystone and before the unmounts", () => {
    const pid = server();
    const root = rootWithPid(pid);
    const t = new Teardown();
    for (const m of chrootMounts(root)) t.add({ label: m.umount.join(" "), argv: () => m.umount });
    t.add(mariadbTeardownStep(root, "sleep"));
    t.add({ label: "stop keystone", argv: () => ["true"] });
    const ran: string[] = [];
    const failed = t.runSync((argv) => {
      ran.push(argv[0] === "sh" ? "stop mariadbd" : argv.join(" "));
      // Only the database stop really runs; the unmounts are only listed.
      if (argv[0] !== "sh") return 0;
      return spawnSync(argv[0], argv.slice(1)).status ?? 1;
    });
    expect(failed).toEqual([]);
    expect(ran.slice(0, 3)).toEqual(["true", "stop mariadbd", `umount ${root}/dev/pts`]);
    expect(alive(pid)).toBe(false);
  });

  it("has nothing to stop once the server is gone", () => {
    const root = rootWithPid(999_999_999);
    expect(mariadbTeardownStep(root).argv()).toBeNull();
  });
});
