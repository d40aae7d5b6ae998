import { existsSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pauseSequence } from "../../capture/shell/index.js";
import { fail } from "../../errors/index.js";
import { makeDirs } from "../../util/make-dirs.js";
import type { Ctx } from "../context.js";
import type { Args } from "../spec.js";

/** Inside `stacklog shell`: tells the recorder (through the terminal) to stop or restart storing. */
export function toggle(on: boolean, verb: string, ctx: Ctx): undefined {
  if (!ctx.env.STACKLOG_RECORDING)
    throw fail(ctx.env.STACKLOG_HOOKED ? "HookCannotPause" : "NotRecording", verb);
  const flag = ctx.env.STACKLOG_PAUSED_FILE;
  const wasPaused = flag ? existsSync(flag) : null;
  // The file first, then the sequence: the recorder takes the sequence only when the file agrees
  // (a program's output holding the same sequence changes nothing); the prompt shows [paused]
  // while the file is there.
  if (flag) {
    try {
      if (on) {
        makeDirs(path.dirname(flag), 0o700);
        writeFileSync(flag, "");
      } else rmSync(flag, { force: true });
    } catch (err) {
      throw fail("StoreUnwritable", path.dirname(flag), (err as Error).message);
    }
  }
  // The sequence is for the recorder, which reads the terminal: stdout, unless stdout goes
  // elsewhere (`stacklog pause --json | jq`) and stderr is the terminal.
  const toTerminal = !ctx.stdout.isTTY && ctx.stderr.isTTY ? ctx.stderr : ctx.stdout;
  toTerminal.write(pauseSequence(on));
  if (ctx.json) {
    const state = { recording: on ? "paused" : "on", wasPaused };
    ctx.stdout.write(`${JSON.stringify(state)}\n`);
  } else
    ctx.stderr.write(
      on
        ? `stacklog: recording ${wasPaused ? "was already paused" : "paused"}; \`stacklog resume\` to go on\n`
        : wasPaused === false
          ? "stacklog: recording was not paused; it goes on\n"
          : "stacklog: recording resumed\n",
    );
  return undefined;
}

export async function run(_args: Args, ctx: Ctx): Promise<undefined> {
  return toggle(true, "pause", ctx);
}
