import type { Ctx } from "../context.js";
import type { Args } from "../spec.js";
import { toggle } from "./pause.js";

export async function run(_args: Args, ctx: Ctx): Promise<undefined> {
  return toggle(false, "resume", ctx);
}
