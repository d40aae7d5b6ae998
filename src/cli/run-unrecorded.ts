import { exitStatusFor } from "../capture/exit-status.js";
import { resolveCommand } from "../capture/run-resolve.js";
import type { Io } from "./context.js";
import type { Args } from "./spec.js";

/**
 * `stacklog run` when stacklog's own code cannot be loaded (a broken install, no file
 * descriptors left): the command still runs, straight on this terminal, unrecorded, and its
 * exit status passes through; one line on stderr says why (`reason`; none when null: see
 * `run`, inside a recorded shell). Imports nothing but Node's own
 * modules and two small ones, so that it loads when the rest does not.
 */
export async function runUnrecorded(
  args: Args,
  io: Io,
  reason: string | null,
): Promise<number | null> {
  const argv = args.rest.length ? args.rest : args.positionals;
  const [file, ...rest] = argv;
  if (file === undefined) return null;
  // (a built-in module: loading it reads no file; imported here to keep it off every start-up)
  const { spawnSync } = await import("node:child_process");
  if (reason !== null)
    io.stderr.write(
      `stacklog: not recorded: stacklog could not load its code (${reason}); the command runs unrecorded\n`,
    );
  // A command that cannot start is reported as `run` and a shell report it.
  const found = resolveCommand(file, io.cwd, io.env.PATH);
  if (!found.ok) {
    io.stderr.write(`stacklog: ${file}: ${found.reason}\n`);
    return found.status;
  }
  // The terminal sends Ctrl-C and Ctrl-\ to the command too; stacklog waits for it to end.
  const ignore = (): void => {};
  process.on("SIGINT", ignore);
  process.on("SIGQUIT", ignore);
  try {
    for (let attempt = 0; ; attempt++) {
      const r = spawnSync(file, rest, {
        stdio: "inherit",
        cwd: io.cwd,
        env: io.env as NodeJS.ProcessEnv,
      });
      const code = (r.error as NodeJS.ErrnoException | undefined)?.code;
      // Out of file descriptors: the failed load's reads are still closing theirs.
      if ((code === "EMFILE" || code === "ENFILE") && attempt < 20) {
        await new Promise((done) => setTimeout(done, 50));
        continue;
      }
      if (!r.error) return exitStatusFor(r.status, r.signal);
      io.stderr.write(`stacklog: ${file}: ${r.error.message}\n`);
      return 126;
    }
  } finally {
    process.off("SIGINT", ignore);
    process.off("SIGQUIT", ignore);
  }
}
