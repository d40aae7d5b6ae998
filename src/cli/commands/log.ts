import { setTimeout as sleep } from "node:timers/promises";
import { fail } from "../../errors/index.js";
import type { EventKind, EventQuery, JournalEvent, JournalStore } from "../../journal/index.js";
import { EVENT_KINDS } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { type Args, bool, list, str } from "../spec.js";
import { openForRead } from "../store-access.js";
import { ansibleOf, ansibleTag } from "./ansible-text.js";
import { eventTitle } from "./describe.js";
import { duration, paint, utc } from "./format.js";

function query(args: Args): EventQuery {
  const kinds = list(args, "kind");
  for (const k of kinds) {
    if (!EVENT_KINDS.includes(k as EventKind))
      throw fail("BadValue", "--kind", EVENT_KINDS.join(", "), "stacklog log --kind note", k);
  }
  const q: EventQuery = {};
  if (kinds.length) q.kinds = kinds as EventKind[];
  const phase = str(args, "phase");
  if (phase) q.phase = phase;
  return q;
}

/** One timeline line for a person. */
export function logLine(e: JournalEvent, ctx: Ctx): string {
  const head = `${paint(ctx, "dim", utc(e.time))} ${paint(ctx, "cyan", `#${e.seq}`.padStart(5))} ${paint(ctx, "dim", e.actor)}`;
  const p = e.payload;
  let body = eventTitle(p);
  if (p.kind === "command") {
    const st = p.interrupted
      ? paint(ctx, "yellow", "interrupted")
      : p.exitStatus === 0
        ? paint(ctx, "green", "ok")
        : paint(ctx, "red", `exit ${p.exitStatus}`);
    const a = ansibleOf(p);
    body = `${paint(ctx, "bold", `$ ${p.line}`)}  ${st} ${paint(ctx, "dim", duration(p.durationMs))}${a ? paint(ctx, "dim", ` (${ansibleTag(a)})`) : ""}`;
  } else if (p.kind === "phase") body = paint(ctx, "magenta", `── ${body}`);
  else if (p.kind === "note" && p.noteKind === "problem") body = paint(ctx, "red", body);
  else if (p.kind === "note" && p.noteKind === "fix") body = paint(ctx, "green", body);
  else if (p.kind === "milestone") body = paint(ctx, "yellow", body);
  return `${head}  ${body}\n`;
}

function print(events: JournalEvent[], ctx: Ctx): void {
  for (const e of events) ctx.stdout.write(ctx.json ? `${JSON.stringify(e)}\n` : logLine(e, ctx));
}

async function follow(
  store: JournalStore,
  id: string,
  q: EventQuery,
  from: number,
  ctx: Ctx,
): Promise<void> {
  let seen = from;
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  while (!stop) {
    await sleep(200);
    if (store.lastSeq(id) <= seen) continue;
    const events = store.events(id, { ...q, afterSeq: seen });
    print(events, ctx);
    seen = store.lastSeq(id);
  }
}

/** Prints the timeline (JSON lines with --json); --follow keeps printing new events until Ctrl-C. */
export async function run(args: Args, ctx: Ctx): Promise<undefined> {
  const store = openForRead(ctx);
  try {
    const id = resolveJournal(ctx, store, str(args, "journal"));
    const q = query(args);
    const limit = Number(str(args, "limit") ?? 0);
    const seen = store.lastSeq(id);
    let events = store.events(id, q);
    if (limit > 0) events = events.slice(-limit);
    print(events, ctx);
    if (bool(args, "follow")) await follow(store, id, q, seen, ctx);
    return undefined;
  } finally {
    store.close();
  }
}
