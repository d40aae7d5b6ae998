import { fail } from "../../errors/index.js";
import type { Ctx } from "../context.js";
import { type Appended, appendEvents } from "../recorder.js";
import { type Args, bool, str } from "../spec.js";
import { describeAppended } from "./describe.js";

/** Marks a planned step done (or skipped, with the reason) in a journal that follows a plan. */
export async function run(args: Args, ctx: Ctx): Promise<Appended> {
  const [step, ...words] = args.positionals;
  if (!step)
    throw fail(
      "MissingArgument",
      "a step id (see `stacklog status`)",
      "stacklog step ka-2023.1-backup-config",
    );
  const text = (words.join(" ") || str(args, "message") || "").trim();
  return appendEvents(ctx, str(args, "journal"), ({ store, journalId }) => {
    if (store) {
      const plan = store.events(journalId, { kinds: ["plan"] })[0];
      const known =
        plan?.payload.kind === "plan" &&
        plan.payload.phases.some((p) => p.steps.some((s) => s.id === step));
      if (!known)
        throw fail(
          "BadValue",
          "step",
          "a step id of this journal's plan (see `stacklog status`)",
          "stacklog step ka-2023.1-backup-config",
          step,
          plan
            ? undefined
            : "This journal follows no plan, so it has no steps. A journal made by `stacklog plan --tool … --from … --to … --start` has them; record what you did here with `stacklog note` or `stacklog run`.",
        );
    }
    return [
      {
        kind: "step",
        step,
        state: bool(args, "skip") ? "skipped" : "done",
        ...(text ? { text } : {}),
      },
    ];
  });
}

export const human = describeAppended;
