import { hostname } from "node:os";

/** True when a process with this pid exists on this machine (EPERM means it exists, not ours). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** This machine's name as recorded in running rows and spool file names. */
export function thisHost(): string {
  return hostname();
}
