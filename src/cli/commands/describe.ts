import type { EventPayload, JournalEvent, JournalStore, NewEvent } from "../../journal/index.js";
import type { Appended } from "../recorder.js";
import { visible } from "./format.js";

/** How a title names another event of the journal: `#12` when its number is known. */
export type EventRef = (id: string) => string;

const byId: EventRef = (id) => id;

/**
 * One line naming an event for people: `#12 problem: galera node 2 …`, its control characters
 * shown (see `visible`). A multi-line phase or milestone name keeps its newlines.
 */
export function eventTitle(p: EventPayload, ref: EventRef = byId): string {
  return visible(title(p, ref));
}

function title(p: EventPayload, ref: EventRef): string {
  switch (p.kind) {
    case "phase":
      return p.action === "begin" ? `phase ${p.name} begins` : `phase ${p.name} ends`;
    case "command":
      return `$ ${p.line}`;
    case "note":
      return `${p.noteKind}: ${firstLine(p.text)}${p.fixes ? ` (fixes ${ref(p.fixes)})` : ""}`;
    case "milestone":
      return `milestone ${p.name}${p.window ? ` (${p.window})` : ""}${p.text ? `: ${firstLine(p.text)}` : ""}`;
    case "snapshot":
      return `snapshot ${p.scope}: ${p.label}`;
    case "check":
      return `check ${p.name}: ${p.severity}${p.inhibitor ? " (inhibitor)" : ""}`;
    case "amend":
      return `amends ${ref(p.target)}: ${firstLine(p.text)}`;
    case "plan":
      return `plan: ${p.tool} ${p.from} → ${p.to} (${p.phases.length} phases)`;
    case "step":
      return `step ${p.step} ${p.state}${p.text ? `: ${firstLine(p.text)}` : ""}`;
  }
}

/** The event a payload refers to, by id: a fix's problem, an amendment's target. */
export function referredId(p: EventPayload): string | undefined {
  return p.kind === "amend" ? p.target : p.kind === "note" ? p.fixes : undefined;
}

type EventGetter = Pick<JournalStore, "getEvent">;

function seqOf(store: EventGetter, journalId: string, id: string): number | undefined {
  try {
    return store.getEvent(journalId, id).seq;
  } catch {
    // an id the store lacks (an export edited by hand) is shown as it is
    return undefined;
  }
}

/** The numbers of the events `payloads` refer to, by id. */
export function refsIn(
  store: EventGetter,
  journalId: string,
  payloads: EventPayload[],
): Record<string, number> {
  const refs: Record<string, number> = {};
  for (const id of payloads.map(referredId)) {
    const seq = id === undefined ? undefined : seqOf(store, journalId, id);
    if (id !== undefined && seq !== undefined) refs[id] = seq;
  }
  return refs;
}

/** Names events by the numbers in `refs`, else by id. */
export function refNames(refs: Record<string, number>): EventRef {
  return (id) => (refs[id] === undefined ? id : `#${refs[id]}`);
}

/** Names events of `journalId` by number, looking each up in the store once. */
export function storeRefs(store: EventGetter, journalId: string): EventRef {
  const known = new Map<string, string>();
  return (id) => {
    let name = known.get(id);
    if (name === undefined) {
      const seq = seqOf(store, journalId, id);
      name = seq === undefined ? id : `#${seq}`;
      known.set(id, name);
    }
    return name;
  };
}

/** `1 problem`, `3 problems`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

function firstLine(text: string): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

function label(e: NewEvent | JournalEvent): string {
  return "seq" in e ? `#${e.seq}` : "(spooled)";
}

/** What `note`, `phase`, `milestone` and `amend` print. */
export function describeAppended(a: Appended): string {
  const list: (NewEvent | JournalEvent)[] = a.stored ?? a.events;
  const ref = refNames(a.refs);
  return `${list.map((e) => `${label(e)} ${eventTitle(e.payload, ref)}`).join("\n")}\n`;
}
