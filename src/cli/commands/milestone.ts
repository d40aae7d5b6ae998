import { fail } from "../../errors/index.js";
import type { MilestonePayload } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { type Appended, appendEvents } from "../recorder.js";
import { type Args, bool, str } from "../spec.js";
import { describeAppended } from "./describe.js";

/** Marks a moment, or the beginning / end of a window such as API downtime. */
export async function run(args: Args, ctx: Ctx): Promise<Appended> {
  const name = args.positionals.join(" ").trim();
  if (!name)
    throw fail("MissingArgument", "a milestone name", 'stacklog milestone "API downtime" --begin');
  if (bool(args, "begin") && bool(args, "end")) {
    throw fail(
      "BadValue",
      "window",
      "--begin or --end, not both",
      'stacklog milestone "API downtime" --end',
      "--begin --end",
    );
  }
  const payload: MilestonePayload = { kind: "milestone", name };
  if (bool(args, "begin")) payload.window = "begin";
  if (bool(args, "end")) payload.window = "end";
  const text = str(args, "message");
  if (text) payload.text = text;
  return appendEvents(ctx, str(args, "journal"), () => [payload]);
}

export const human = describeAppended;
