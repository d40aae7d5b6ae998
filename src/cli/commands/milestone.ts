import { fail } from "../../errors/index.js";
import type { JournalStore, MilestonePayload } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { warnIfFinished } from "../finished.js";
import { type Appended, appendEvents } from "../recorder.js";
import { loadRedaction } from "../redaction.js";
import { type Args, bool, str } from "../spec.js";
import { describeAppended } from "./describe.js";
import { oneLine } from "./format.js";

/**
 * Marks a moment, or the beginning / end of a window such as API downtime. An end with no open
 * window of that name is recorded all the same, with a warning.
 */
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
  const redaction = loadRedaction(ctx);
  // the store holds names redacted: compare, and speak of, the name as stored
  const stored = redaction.redactor.redact(name);
  return appendEvents(
    ctx,
    str(args, "journal"),
    ({ store, journalId }) => {
      // a spooled end cannot be checked: the begins are in the store
      if (payload.window === "end" && store && !windowOpen(store, journalId, stored)) {
        const shown = oneLine(stored);
        ctx.warn(
          `no "${shown}" window is open (begun with stacklog milestone "${shown}" --begin); its end is recorded all the same`,
        );
      }
      warnIfFinished(ctx, store, journalId);
      return [payload];
    },
    redaction,
  );
}

function windowOpen(store: JournalStore, journalId: string, name: string): boolean {
  let open = false;
  for (const e of store.events(journalId, { kinds: ["milestone"] })) {
    if (e.payload.kind === "milestone" && e.payload.name === name && e.payload.window)
      open = e.payload.window === "begin";
  }
  return open;
}

export const human = describeAppended;
