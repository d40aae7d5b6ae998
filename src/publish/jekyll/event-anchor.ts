import type { JournalEvent } from "../../journal/index.js";
import type { JournalModel } from "./journal-model.js";
import { mdLinkTo, mdText } from "./markdown.js";

/** The in-page anchor of an event: `event-12`. */
export function eventAnchor(seq: number): string {
  return `event-${seq}`;
}

/** The anchor of a phase section, by its position. */
export function phaseAnchor(index: number): string {
  return `phase-${index + 1}`;
}

/** A link to another event of the journal by id, or plain text when it is not in it. */
export function linkToEvent(model: JournalModel, id: string, what: string): string {
  const seq = model.seqOf.get(id);
  return seq === undefined
    ? mdText(`${what} (not in this journal)`)
    : mdLinkTo(eventAnchor(seq), `${what} #${seq}`);
}

/** How an event is named in errors and labels: `event #12 (command)`. */
export function eventLabel(e: JournalEvent): string {
  return `event #${e.seq} (${e.payload.kind})`;
}
