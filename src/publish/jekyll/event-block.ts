import {
  assertNever,
  type JournalEvent,
  type JournalReader,
  type NotePayload,
} from "../../journal/index.js";
import { commandBlock } from "./command-block.js";
import { eventAnchor, eventLabel, linkToEvent } from "./event-anchor.js";
import type { JournalModel } from "./journal-model.js";
import { mdAnchor, mdBadge } from "./markdown.js";
import type { Scribe } from "./scribe.js";
import { utcTime } from "./time-format.js";

export interface EventContext {
  model: JournalModel;
  reader: JournalReader;
  scribe: Scribe;
  tailBytes: number;
}

const NOTE_TITLES: Record<NotePayload["noteKind"], string> = {
  observation: "Note",
  problem: "Problem",
  fix: "Fix",
  decision: "Decision",
  lesson: "Lesson",
  question: "Question",
};

/** Markdown blocks for one event: an anchored heading line, then its body. */
export function eventBlocks(e: JournalEvent, ctx: EventContext): string[] {
  ctx.scribe.about(eventLabel(e));
  const [title, body] = titleAndBody(e, ctx);
  const who = ctx.scribe.text(e.actor);
  const head = `${mdAnchor(eventAnchor(e.seq))}**#${e.seq} · ${utcTime(e.time)} · ${title}** — ${who}`;
  return [head, ...body, ...amendedBy(e, ctx)];
}

function titleAndBody(e: JournalEvent, ctx: EventContext): [string, string[]] {
  const { scribe, model } = ctx;
  const p = e.payload;
  switch (p.kind) {
    case "command":
      return [
        "Command",
        commandBlock(e as JournalEvent<typeof p>, ctx.reader, scribe, ctx.tailBytes),
      ];
    case "note":
      return [
        `${NOTE_TITLES[p.noteKind]} ${mdBadge(p.noteKind, p.noteKind)}`,
        noteBody(e as JournalEvent<NotePayload>, ctx),
      ];
    case "milestone": {
      const edge = p.window ? ` — window ${p.window === "begin" ? "opens" : "closes"}` : "";
      return [
        `Milestone: ${scribe.text(p.name)}${edge}`,
        p.text ? [scribe.paragraphs(p.text)] : [],
      ];
    }
    case "snapshot":
      return [`Snapshot (${p.scope})`, [`${scribe.text(p.label)}`]];
    case "check": {
      const badge = mdBadge(
        p.inhibitor ? "failed" : `severity-${p.severity}`,
        p.inhibitor ? "inhibitor" : p.severity,
      );
      return [`Check: ${scribe.text(p.name)} ${badge}`, [scribe.paragraphs(p.text)]];
    }
    case "amend":
      return [
        `Correction to ${linkToEvent(model, p.target, "event")}`,
        [scribe.paragraphs(p.text)],
      ];
    case "phase":
      return [`Phase ${p.action === "begin" ? "begins" : "ends"}: ${scribe.text(p.name)}`, []];
    case "plan":
      return [
        `Plan: ${scribe.text(`${p.tool} ${p.from} → ${p.to}`)}`,
        [scribe.text(`${p.hops.length} hop(s)`)],
      ];
    case "step":
      return [`Step ${p.state}: ${scribe.text(p.step)}`, p.text ? [scribe.paragraphs(p.text)] : []];
    default:
      return assertNever(p);
  }
}

function noteBody(e: JournalEvent<NotePayload>, ctx: EventContext): string[] {
  const p = e.payload;
  const blocks = [ctx.scribe.paragraphs(p.text)];
  if (p.noteKind === "fix" && p.fixes)
    blocks.push(`Fixes ${linkToEvent(ctx.model, p.fixes, "problem")}.`);
  if (p.noteKind === "problem") {
    const fixes = ctx.model.fixesOf.get(e.id) ?? [];
    blocks.push(
      fixes.length === 0
        ? `${mdBadge("failed", "unresolved")} No fix was recorded.`
        : `Fixed by ${fixes.map((f) => linkToEvent(ctx.model, f.id, "fix")).join(", ")}.`,
    );
  }
  return blocks;
}

function amendedBy(e: JournalEvent, ctx: EventContext): string[] {
  const amends = ctx.model.amendsOf.get(e.id) ?? [];
  if (amends.length === 0) return [];
  return [
    `*Corrected later by ${amends.map((a) => linkToEvent(ctx.model, a.id, "correction")).join(", ")}.*`,
  ];
}
