import { fail } from "../../errors/index.js";
import type { Ctx } from "../context.js";
import { type Appended, appendEvents } from "../recorder.js";
import { type Args, str } from "../spec.js";
import { describeAppended } from "./describe.js";
import { argumentText } from "./note.js";

/** Appends a correction that refers to an earlier event; the original is never rewritten. */
export async function run(args: Args, ctx: Ctx): Promise<Appended> {
  const [ref, ...words] = args.positionals;
  if (!ref)
    throw fail(
      "MissingArgument",
      "the event to amend",
      'stacklog amend 14 "the restart was of nova_compute"',
    );
  const text = argumentText(words, args, "amend", 'stacklog amend 14 "TEXT"');
  if (!text) throw fail("EmptyAmendment");
  return appendEvents(ctx, str(args, "journal"), ({ store, journalId }) => {
    if (!store)
      throw fail(
        "StoreUnwritable",
        ctx.home,
        "an amendment names its event, which needs the store",
      );
    const target = store.getEvent(journalId, ref);
    return [{ kind: "amend", target: target.id, text }];
  });
}

export const human = describeAppended;
