import { fail } from "../errors/index.js";
import { exitStatusFor, signalName } from "./exit-status.js";
import { runPipe } from "./pipe-mode.js";
import { noPtyReason, runPty } from "./pty-mode.js";
import { resolveCommand } from "./run-resolve.js";
import { createCaptureTap } from "./run-tap.js";
import type { ChildOutcome, RunOptions, RunResult, SignalSource } from "./run-types.js";

/**
 * Runs a command so that the operator cannot tell stacklog is there (same terminal behaviour,
 * output bytes and exit status), while a redacted copy of its output goes to `opts.sink`.
 * Capture failures never affect the command: they are reported in `sinkError`.
 * Resolves when the command has ended; never rejects for anything the command does.
 */
export async function runCommand(opts: RunOptions): Promise<RunResult> {
  const cmd = opts.argv[0];
  if (cmd === undefined || cmd === "") {
    throw fail(
      "MissingArgument",
      "A command to run",
      "stacklog run -- kolla-ansible -i multinode upgrade",
    );
  }
  const now = opts.now ?? Date.now;
  const mode = chooseMode(opts);
  const startedAt = now();
  const found = resolveCommand(cmd, opts.cwd, opts.env.PATH);
  if (!found.ok) {
    return notStarted(opts, `${cmd}: ${found.reason}`, found.status, startedAt, now(), mode);
  }
  const tap = opts.tap
    ? opts.tap(startedAt)
    : createCaptureTap({ redact: opts.redact, sink: opts.sink, now, startedAt });
  const source: SignalSource = opts.signals ?? process;
  let outcome: ChildOutcome;
  let used = mode;
  try {
    outcome = mode === "pty" ? await runPty(opts, tap, source) : await runPipe(opts, tap, source);
  } catch (err) {
    // node-pty and spawn throw synchronously for things like a bad cwd.
    const message = err instanceof Error ? err.message : String(err);
    const noPty = mode === "pty" ? noPtyReason(err) : null;
    if (noPty === null) return notStarted(opts, `${cmd}: ${message}`, 126, startedAt, now(), mode);
    // No terminal to be had: the command still runs, with pipes (it may look plainer).
    opts.stderr.write(
      `stacklog: no pseudo-terminal could be opened (${noPty}); the command runs with pipes\n`,
    );
    used = "pipe";
    outcome = await runPipe(opts, tap, source);
  }
  // The command's end, not when the capture has caught up with it.
  const endedAt = now();
  await tap.end();
  if (outcome.spawnError !== undefined) {
    return notStarted(
      opts,
      `${cmd}: ${outcome.spawnError}`,
      outcome.code ?? 127,
      startedAt,
      endedAt,
      used,
    );
  }
  return {
    exitStatus: exitStatusFor(outcome.code, outcome.signal),
    signal: signalName(outcome.signal),
    startedAt,
    endedAt,
    mode: used,
    outputBytes: tap.bytes,
    ...(tap.error !== undefined ? { sinkError: tap.error } : {}),
  };
}

/** The mode a run will use: "auto" picks a PTY exactly when stdout is a terminal. */
export function chooseMode(opts: Pick<RunOptions, "mode" | "stdout">): "pty" | "pipe" {
  if (opts.mode === "pty" || opts.mode === "pipe") return opts.mode;
  return opts.stdout.isTTY ? "pty" : "pipe";
}

function notStarted(
  opts: RunOptions,
  message: string,
  exitStatus: number,
  startedAt: number,
  endedAt: number,
  mode: "pty" | "pipe",
): RunResult {
  opts.stderr.write(`stacklog: ${message}\n`);
  return {
    exitStatus,
    signal: null,
    startedAt,
    endedAt,
    mode,
    outputBytes: 0,
    spawnError: message,
  };
}
