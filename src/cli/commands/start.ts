import { fail } from "../../errors/index.js";
import type { Journal } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { loadRedaction, redactDeep } from "../redaction.js";
import { type Args, list, str } from "../spec.js";
import { updateState } from "../state.js";
import { openForRead } from "../store-access.js";

/** Creates a journal (redacted like everything else) and makes it current. */
export async function run(args: Args, ctx: Ctx): Promise<Journal> {
  const title = str(args, "title") ?? args.positionals.join(" ");
  if (!title.trim())
    throw fail("MissingArgument", "--title", 'stacklog start --title "Production Zed → 2023.1"');
  const redaction = loadRedaction(ctx);
  const [problem] = redaction.unreadable;
  if (problem) throw problem;
  const operators = list(args, "operator");
  const meta = redactDeep(
    {
      title: title.trim(),
      site: str(args, "site") ?? null,
      system: str(args, "system") ?? null,
      tool: str(args, "tool") ?? null,
      fromSeries: str(args, "from") ?? null,
      toSeries: str(args, "to") ?? null,
      operators: operators.length ? operators : [ctx.actor],
    },
    redaction.redactor,
  );
  const store = openForRead(ctx);
  try {
    const journal = store.createJournal({ ...meta, status: "in-progress", startedAt: ctx.now() });
    updateState(ctx.home, { currentJournal: journal.id, currentPhase: null });
    return journal;
  } finally {
    store.close();
  }
}

export function human(j: Journal): string {
  return `Started journal ${j.id}: ${j.title}\nIt is now the current journal. Next: stacklog phase NAME, stacklog run -- CMD, stacklog note TEXT\n`;
}
