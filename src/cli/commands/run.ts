import { chooseMode, runCommand } from "../../capture/index.js";
import { isNestedShell } from "../../capture/shell/nested.js";
import { ExitError, fail } from "../../errors/index.js";
import { shellLine } from "../command-line.js";
import { CommandRecording } from "../command-recording.js";
import type { Ctx } from "../context.js";
import { loadRedaction } from "../redaction.js";
import { runUnrecorded } from "../run-unrecorded.js";
import { type Args, bool, str } from "../spec.js";

/**
 * Runs the command as if stacklog were not there, recording it on the side. Whatever happens
 * to the record, the command's exit status becomes stacklog's.
 */
export async function run(args: Args, ctx: Ctx): Promise<never> {
  const argv = args.rest.length ? args.rest : args.positionals;
  if (argv.length === 0)
    throw fail(
      "MissingArgument",
      "a command",
      "stacklog run -- kolla-ansible -i multinode prechecks",
    );
  // Inside `stacklog shell` the shell records this command already, with its output and status:
  // a record of its own would store the output twice. With --step or --journal the operator asks
  // for what only this record gives, and it is kept.
  if (isNestedShell(ctx.env) && !str(args, "step") && !str(args, "journal")) {
    throw new ExitError((await runUnrecorded(args, ctx, null)) ?? 0);
  }
  const mode = bool(args, "pty") ? "pty" : bool(args, "pipe") ? "pipe" : "auto";
  const redaction = loadRedaction(ctx);
  const chosen = chooseMode({ mode, stdout: ctx.stdout });
  const size = chosen === "pty" ? terminalSize(ctx.stdout) : null;
  // While the command runs in a terminal, ours is raw: a warning starts and ends its own line.
  let raw = false;
  const rctx: Ctx = {
    ...ctx,
    warn: (line) => (raw ? ctx.stderr.write(`\r\nstacklog: ${line}\r\n`) : ctx.warn(line)),
  };
  const recording = new CommandRecording(
    rctx,
    str(args, "journal"),
    {
      line: shellLine(argv),
      argv,
      cwd: ctx.cwd,
      mode: chosen,
      ...(str(args, "step") ? { step: str(args, "step") as string } : {}),
      ...(size ? { size } : {}),
    },
    redaction,
  );
  // the command's terminal follows this one (see runCommand); replays follow both
  const onResize = () => {
    const now = terminalSize(ctx.stdout);
    if (now) recording.resized(ctx.now(), now);
  };
  if (size) ctx.stdout.on("resize", onResize);
  raw = chosen === "pty";
  const result = await runCommand({
    argv,
    cwd: ctx.cwd,
    env: ctx.env,
    stdin: ctx.stdin,
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    mode,
    tap: (startedAt) => recording.tap(startedAt),
    now: ctx.now,
  });
  raw = false;
  ctx.stdout.off("resize", onResize);
  if (result.sinkError) ctx.warn(`output capture stopped: ${result.sinkError}`);
  recording.finish(result);
  throw new ExitError(result.exitStatus);
}

/** The terminal's size, when it is one that says. */
function terminalSize(out: NodeJS.WriteStream): { cols: number; rows: number } | null {
  return out.isTTY && out.columns > 0 && out.rows > 0
    ? { cols: out.columns, rows: out.rows }
    : null;
}
