import type { EventPayload, JournalEvent, NewEvent } from "../../journal/index.js";
import type { Appended } from "../recorder.js";

/** One line naming an event for people: `#12 problem: galera node 2 …`. */
export function eventTitle(p: EventPayload): string {
  switch (p.kind) {
    case "phase":
      return p.action === "begin" ? `phase ${p.name} begins` : `phase ${p.name} ends`;
    case "command":
      return `$ ${p.line}`;
    case "note":
      return `${p.noteKind}: ${firstLine(p.text)}`;
    case "milestone":
      return `milestone ${p.name}${p.window ? ` (${p.window})` : ""}`;
    case "snapshot":
      return `snapshot ${p.scope}: ${p.label}`;
    case "check":
      return `check ${p.name}: ${p.severity}${p.inhibitor ? " (inhibitor)" : ""}`;
    case "amend":
      return `amends ${p.target}: ${firstLine(p.text)}`;
    case "plan":
      return `plan: ${p.tool} ${p.from} → ${p.to} (${p.phases.length} phases)`;
    case "step":
      return `step ${p.step} ${p.state}${p.text ? `: ${firstLine(p.text)}` : ""}`;
  }
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
  return `${list.map((e) => `${label(e)} ${eventTitle(e.payload)}`).join("\n")}\n`;
}
