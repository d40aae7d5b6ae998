import { fail } from "../../errors/index.js";
import type { EventPayload } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { type Appended, appendEvents } from "../recorder.js";
import { type Args, bool, str } from "../spec.js";
import { describeAppended } from "./describe.js";

/**
 * Begins a phase; the running phase, if any, is ended first. `--end` only ends the running
 * phase, and `NAME --end` ends it only when NAME is the running phase. Ending with no phase
 * running, or naming another, throws PhaseNotRunning.
 */
export async function run(args: Args, ctx: Ctx): Promise<Appended> {
  const name = args.positionals.join(" ").trim();
  const endOnly = bool(args, "end");
  if (!name && !endOnly)
    throw fail("MissingArgument", "a phase name", 'stacklog phase "control plane"');
  return appendEvents(ctx, str(args, "journal"), ({ phase }) => {
    if (endOnly && (!phase || (name && name !== phase)))
      throw fail("PhaseNotRunning", name || null, phase);
    const out: EventPayload[] = [];
    if (phase) out.push({ kind: "phase", action: "end", name: phase });
    if (!endOnly) out.push({ kind: "phase", action: "begin", name });
    return out;
  });
}

export const human = describeAppended;
