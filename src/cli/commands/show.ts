import { fail } from "../../errors/index.js";
import type { JournalEvent, OutputChunk } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, str } from "../spec.js";
import { openForRead } from "../store-access.js";
import { ansibleOf, ansibleText } from "./ansible-text.js";
import { countFlag } from "./count-flag.js";
import { refNames, refsIn } from "./describe.js";
import { duration, oneLine, utc, visible } from "./format.js";
import { logLine } from "./log.js";

export interface ShowResult {
  event: JournalEvent;
  output: string | null;
  outputBytes: number;
  /** Numbers of the events this one refers to (a fix's problem, an amendment's target), by id. */
  refs: Record<string, number>;
  /** The later events that refer to this one: its corrections and, for a problem, its fixes. */
  referredBy: { seq: number; kind: "amend" | "fix"; text: string }[];
}

/** The amendments of `eventId` and the fixes of it, in the journal's order. */
function referringTo(
  store: ReturnType<typeof openForRead>,
  journalId: string,
  eventId: string,
): ShowResult["referredBy"] {
  const out: ShowResult["referredBy"] = [];
  for (const e of store.events(journalId, { kinds: ["amend", "note"] })) {
    const q = e.payload;
    if (q.kind === "amend" && q.target === eventId)
      out.push({ seq: e.seq, kind: "amend", text: q.text });
    else if (q.kind === "note" && q.fixes === eventId)
      out.push({ seq: e.seq, kind: "fix", text: q.text });
  }
  return out;
}

/** One event in full, with its output (or the tail of it). */
export async function run(args: Args, ctx: Ctx): Promise<ShowResult> {
  const ref = args.positionals[0];
  if (!ref) throw fail("MissingArgument", "an event number or id", "stacklog show 12");
  const tail = countFlag(args, "tail", "stacklog show 12 --tail 4096", "for the whole output");
  const store = openForRead(ctx);
  try {
    const journalId = resolveJournal(ctx, store, str(args, "journal"));
    const event = store.getEvent(journalId, ref);
    const p = event.payload;
    const refs = refsIn(store, journalId, [p]);
    const referredBy = referringTo(store, journalId, event.id);
    if (p.kind !== "command" || !p.outputId)
      return { event, output: null, outputBytes: 0, refs, referredBy };
    const chunks: OutputChunk[] = store.readOutput(p.outputId, tail ? { tailBytes: tail } : {});
    let output = chunks.map((c) => c.data).join("");
    if (tail && output.length > tail) output = output.slice(-tail);
    return { event, output, outputBytes: store.outputSize(p.outputId), refs, referredBy };
  } finally {
    store.close();
  }
}

/** The event for people, its text with control characters shown; the output as it was printed. */
export function human(r: ShowResult, ctx: Ctx): string {
  const e = r.event;
  const p = e.payload;
  const lines = [
    logLine(e, ctx, refNames(r.refs)).trimEnd(),
    `  id:     ${e.id}`,
    `  phase:  ${e.phase === null ? "—" : oneLine(e.phase)}`,
    `  actor:  ${oneLine(e.actor)}${e.terminal ? ` (${oneLine(e.terminal)})` : ""}`,
  ];
  if (p.kind === "command") {
    lines.push(
      `  cwd:    ${p.cwd ? oneLine(p.cwd) : "unknown"}`,
      `  host:   ${oneLine(p.host)}`,
      `  start:  ${utc(p.startedAt)}`,
      `  end:    ${utc(p.endedAt)} (${duration(p.durationMs)})`,
    );
    const a = ansibleOf(p);
    if (a) lines.push(ansibleText(a));
    lines.push(
      `  status: ${p.exitStatus ?? "unknown"}${p.signal ? ` (${p.signal})` : ""}${p.interrupted ? " — its record ended before the command did (stacklog, or the shell running it, stopped)" : ""}`,
    );
  } else if (p.kind === "note" || p.kind === "amend") {
    lines.push("", visible(p.text));
  } else if ((p.kind === "milestone" || p.kind === "step") && p.text) {
    lines.push("", visible(p.text));
  }
  for (const b of r.referredBy)
    lines.push(`  ${b.kind === "amend" ? "amended by" : "fixed by"} #${b.seq}: ${oneLine(b.text)}`);
  const out = r.output === null ? "" : `\n${r.output}${r.output.endsWith("\n") ? "" : "\n"}`;
  return `${lines.join("\n")}\n${out}`;
}
