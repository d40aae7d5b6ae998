import { fail } from "../../errors/index.js";
import type { EventPayload } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { warnIfFinished } from "../finished.js";
import { type Appended, appendEvents } from "../recorder.js";
import { loadRedaction } from "../redaction.js";
import { type Args, bool, str } from "../spec.js";
import { describeAppended } from "./describe.js";
import { oneLine } from "./format.js";

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
  const redaction = loadRedaction(ctx);
  // the running phase is known by its stored, redacted, name
  const stored = redaction.redactor.redact(name);
  return appendEvents(
    ctx,
    str(args, "journal"),
    ({ phase, store, journalId }) => {
      if (endOnly && (!phase || (stored && stored !== phase)))
        throw fail(
          "PhaseNotRunning",
          stored ? oneLine(stored) : null,
          phase === null ? null : oneLine(phase),
        );
      warnIfFinished(ctx, store, journalId);
      const out: EventPayload[] = [];
      if (phase) out.push({ kind: "phase", action: "end", name: phase });
      if (!endOnly) out.push({ kind: "phase", action: "begin", name });
      return out;
    },
    redaction,
  );
}

export const human = describeAppended;
