import { fail, StacklogError } from "../../errors/index.js";
import type { Journal } from "../../journal/index.js";
import { PLAN_TOOLS, releases, resolveSeries, type Series } from "../../plan/index.js";
import type { Ctx } from "../context.js";
import { loadRedaction, redactDeep } from "../redaction.js";
import { type Args, list, str } from "../spec.js";
import { tryUpdateState } from "../state.js";
import { openForRead } from "../store-access.js";
import { oneLine } from "./format.js";

/**
 * Creates a journal (redacted like everything else) and makes it current. A --from or --to that
 * is no known series is kept with a warning (sites name their own); a --to known to be older
 * than --from throws DowngradeRefused.
 */
export async function run(args: Args, ctx: Ctx): Promise<Journal> {
  const title = str(args, "title") ?? args.positionals.join(" ");
  if (!title.trim())
    throw fail("MissingArgument", "--title", 'stacklog start --title "Production Zed → 2023.1"');
  checkSeries(str(args, "from"), str(args, "to"), str(args, "tool"), ctx);
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
    // One transaction with the state file's write: a journal that cannot be made current is not
    // created (it would be left behind, not current, while the operator is told it is).
    return store.batch(() => {
      const journal = store.createJournal({ ...meta, status: "in-progress", startedAt: ctx.now() });
      const failed = tryUpdateState(ctx.home, { currentJournal: journal.id, currentPhase: null });
      if (failed) throw notStarted(failed);
      return journal;
    });
  } finally {
    store.close();
  }
}

/** The state file's error, saying that the journal was not started after all. */
export function notStarted(err: StacklogError): StacklogError {
  if (err.code !== "StateUnwritable") return err;
  const storeState = "No journal was started: the store and the state file are as they were.";
  return new StacklogError(err.code, { ...err.details, storeState });
}

function checkSeries(
  from: string | undefined,
  to: string | undefined,
  tool: string | undefined,
  ctx: Ctx,
): void {
  const facts = releases();
  const known = (flag: string, input: string | undefined): Series | null => {
    if (input === undefined) return null;
    try {
      return resolveSeries(
        input,
        facts,
        PLAN_TOOLS.find((t) => t === tool),
      );
    } catch {
      ctx.warn(
        `--${flag} ${input} is not an OpenStack series stacklog knows (a name like zed or a number like 2023.1); recorded as given`,
      );
      return null;
    }
  };
  const [f, t] = [known("from", from), known("to", to)];
  if (f && t && facts.series.indexOf(t) < facts.series.indexOf(f))
    throw fail("DowngradeRefused", `${f.name} (${f.id})`, `${t.name} (${t.id})`);
}

export function human(j: Journal): string {
  return `Started journal ${j.id}: ${oneLine(j.title)}\nIt is now the current journal. Next: stacklog phase NAME, stacklog run -- CMD, stacklog note TEXT\n`;
}
