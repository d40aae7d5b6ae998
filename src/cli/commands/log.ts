import { setTimeout as sleep } from "node:timers/promises";
import { fail } from "../../errors/index.js";
import type {
  CommandPayload,
  EventKind,
  EventQuery,
  JournalEvent,
  JournalStore,
} from "../../journal/index.js";
import { EVENT_KINDS, inTimeOrder } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import { resolveJournal } from "../recorder.js";
import { loadRedaction } from "../redaction.js";
import { type Args, bool, list, str } from "../spec.js";
import { drainAll, openForRead } from "../store-access.js";
import { ansibleOf, ansibleTag } from "./ansible-text.js";
import { countFlag } from "./count-flag.js";
import { type EventRef, eventTitle, storeRefs } from "./describe.js";
import { duration, oneLine, paint, utc, visible } from "./format.js";

/** The events asked for; a phase is named as the journal stores it, redacted. */
function query(args: Args, ctx: Ctx): EventQuery {
  const kinds = list(args, "kind");
  for (const k of kinds) {
    if (!EVENT_KINDS.includes(k as EventKind))
      throw fail("BadValue", "--kind", EVENT_KINDS.join(", "), "stacklog log --kind note", k);
  }
  const q: EventQuery = {};
  if (kinds.length) q.kinds = kinds as EventKind[];
  const phase = str(args, "phase");
  if (phase) q.phase = loadRedaction(ctx).redactor.redact(phase);
  return q;
}

/**
 * Says on stderr when the journal has no phase named `phase` (a typo would otherwise print
 * nothing at all), and names the phases it has. The exit status stays 0.
 */
function warnUnknownPhase(store: JournalStore, id: string, phase: string, ctx: Ctx): void {
  const names: string[] = [];
  for (const e of store.events(id, { kinds: ["phase"] })) {
    if (e.payload.kind === "phase" && !names.includes(e.payload.name)) names.push(e.payload.name);
  }
  if (names.includes(phase)) return;
  const known = names.length
    ? `its phases are ${names.map((n) => `"${oneLine(n)}"`).join(", ")}`
    : "it has no phases yet";
  ctx.warn(`no phase "${oneLine(phase)}" in journal ${id}; ${known}`);
}

function commandStatus(p: CommandPayload, ctx: Ctx): string {
  if (p.interrupted) return paint(ctx, "yellow", "interrupted");
  if (p.exitStatus === 0) return paint(ctx, "green", "ok");
  if (p.exitStatus === null) return paint(ctx, "yellow", "status unknown");
  return paint(ctx, "red", `exit ${p.exitStatus}`);
}

/**
 * One timeline line for a person; `ref` names the events a fix or amendment refers to. The lines
 * after the first of a multi-line command or name are indented under its first line.
 */
export function logLine(e: JournalEvent, ctx: Ctx, ref?: EventRef): string {
  const time = utc(e.time);
  const seq = `#${e.seq}`.padStart(5);
  const actor = oneLine(e.actor);
  const head = `${paint(ctx, "dim", time)} ${paint(ctx, "cyan", seq)} ${paint(ctx, "dim", actor)}  `;
  const column = `${time} ${seq} ${actor}  `.length;
  const p = e.payload;
  let body = indent(eventTitle(p, ref), column);
  if (p.kind === "command") {
    const a = ansibleOf(p);
    // recordings that do not name their command (asciinema 2.x) are imported with an empty line
    const line = indent(visible(p.line) || "(command line not recorded)", column + 2);
    body = `${paint(ctx, "bold", `$ ${line}`)}  ${commandStatus(p, ctx)} ${paint(ctx, "dim", duration(p.durationMs))}${a ? paint(ctx, "dim", ` (${ansibleTag(a)})`) : ""}`;
  } else if (p.kind === "phase") body = paint(ctx, "magenta", `── ${body}`);
  else if (p.kind === "note" && p.noteKind === "problem") body = paint(ctx, "red", body);
  else if (p.kind === "note" && p.noteKind === "fix") body = paint(ctx, "green", body);
  else if (p.kind === "milestone") body = paint(ctx, "yellow", body);
  return `${head}${body}\n`;
}

function indent(text: string, column: number): string {
  return text.replace(/\r?\n/g, `\n${" ".repeat(column)}`);
}

function print(events: JournalEvent[], ctx: Ctx, ref: EventRef): void {
  for (const e of events)
    ctx.stdout.write(ctx.json ? `${JSON.stringify(e)}\n` : logLine(e, ctx, ref));
}

async function follow(
  store: JournalStore,
  id: string,
  q: EventQuery,
  from: number,
  ctx: Ctx,
): Promise<void> {
  const ref = storeRefs(store, id);
  let seen = from;
  let stop = false;
  const onSignal = () => {
    stop = true;
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  while (!stop) {
    await sleep(200);
    // hook-mode shells' commands wait in their spool for a stacklog call: this is one
    drainAll(ctx, store);
    if (store.lastSeq(id) <= seen) continue;
    const events = store.events(id, { ...q, afterSeq: seen });
    print(events, ctx, ref);
    seen = store.lastSeq(id);
  }
}

/** Prints the timeline (JSON Lines, one event per line, with --json); --follow keeps printing new events until Ctrl-C. */
export async function run(args: Args, ctx: Ctx): Promise<undefined> {
  const q = query(args, ctx);
  const limit = countFlag(args, "limit", "stacklog log --limit 20", "to see every event");
  const store = openForRead(ctx);
  try {
    const id = resolveJournal(ctx, store, str(args, "journal"));
    const seen = store.lastSeq(id);
    if (q.phase) warnUnknownPhase(store, id, q.phase, ctx);
    let events = store.events(id, q);
    if (limit !== undefined) events = events.slice(-limit);
    // in the order they happened (new ones under --follow come as they are stored)
    print(inTimeOrder(events), ctx, storeRefs(store, id));
    if (bool(args, "follow")) await follow(store, id, q, seen, ctx);
    return undefined;
  } finally {
    store.close();
  }
}
