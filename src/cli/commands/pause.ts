import { pauseSequence } from "../../capture/shell/index.js";
import { fail } from "../../errors/index.js";
import type { Ctx } from "../context.js";
import type { Args } from "../spec.js";

/** Inside `stacklog shell`: tells the recorder (through the terminal) to stop or restart storing. */
export function toggle(on: boolean, verb: string, ctx: Ctx): undefined {
  if (!ctx.env.STACKLOG_RECORDING) throw fail("NotRecording", verb);
  ctx.stdout.write(pauseSequence(on));
  ctx.stderr.write(
    on
      ? "stacklog: recording paused; `stacklog resume` to go on\n"
      : "stacklog: recording resumed\n",
  );
  return undefined;
}

export async function run(_args: Args, ctx: Ctx): Promise<undefined> {
  return toggle(true, "pause", ctx);
}
