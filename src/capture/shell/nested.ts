/**
 * True when `env` is that of a shell `stacklog shell` is recording right now, so that a nested
 * `stacklog shell` can refuse. A STACKLOG_SHELL_PID inherited by a process that outlived its
 * recorder (a tmux server started inside, say) does not count.
 */
export function isNestedShell(
  env: Record<string, string | undefined>,
  alive: (pid: number) => boolean = processAlive,
): boolean {
  const pid = Number(env.STACKLOG_SHELL_PID);
  return Number.isInteger(pid) && pid > 0 && alive(pid);
}

/** True when a process with this pid exists (ours or another user's). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
