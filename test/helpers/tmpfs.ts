import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";

/**
 * Mounts a small tmpfs of `sizeKb` at `dir` (made if missing), so that "full" and "read-only" are
 * the kernel's word; the mount point is pushed on `mounts` for the test's cleanup to unmount.
 * Needs root (CAP_SYS_ADMIN), and says so.
 */
export function mountTmpfs(dir: string, sizeKb: number, mounts: string[]): void {
  try {
    mkdirSync(dir, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${sizeKb}k`, "tmpfs", dir]);
    mounts.push(dir);
  } catch (err) {
    throw new Error(
      `these tests mount a tmpfs and need root with CAP_SYS_ADMIN (run as root): ${(err as Error).message}`,
    );
  }
}
