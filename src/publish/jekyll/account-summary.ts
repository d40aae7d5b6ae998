import { commandOutcome } from "./command-block.js";
import { eventAnchor, eventLabel, phaseAnchor } from "./event-anchor.js";
import { commandsOf, type JournalModel, notesOf } from "./journal-model.js";
import { mdBadge, mdLinkTo } from "./markdown.js";
import type { Scribe } from "./scribe.js";
import { humanDuration, utcDateTime } from "./time-format.js";

/** The opening list: what, who, when, how long, downtime, outcome. */
export function summaryBlocks(model: JournalModel, scribe: Scribe): string[] {
  const j = model.journal;
  scribe.about(`journal ${j.id}`);
  const items = [
    ["What", whatLine(model, scribe)],
    ["Who", whoLine(model, scribe)],
    [
      "When",
      `${utcDateTime(model.start)} to ${j.endedAt === null ? "(not ended)" : utcDateTime(j.endedAt)}`,
    ],
    [
      "How long",
      j.endedAt === null
        ? `${humanDuration(model.end - model.start)} so far`
        : humanDuration(j.endedAt - model.start),
    ],
    ["Downtime", downtimeLine(model, scribe)],
    ["Outcome", outcomeLine(model)],
  ];
  return ["## Summary", items.map(([k, v]) => `- **${k}:** ${v}`).join("\n")];
}

/** Title, system, site, series and tool in one line. */
export function whatLine(model: JournalModel, scribe: Scribe): string {
  const j = model.journal;
  const parts = [scribe.text(j.title)];
  if (j.system || j.site)
    parts.push(`— ${scribe.text([j.system, j.site].filter(Boolean).join(" at "))}`);
  if (j.fromSeries || j.toSeries)
    parts.push(`from ${scribe.text(j.fromSeries ?? "?")} to ${scribe.text(j.toSeries ?? "?")}`);
  if (j.tool) parts.push(`with ${scribe.text(j.tool)}`);
  return parts.join(" ");
}

function whoLine(model: JournalModel, scribe: Scribe): string {
  const names =
    model.journal.operators.length > 0
      ? model.journal.operators
      : [...new Set(model.events.map((e) => e.actor))];
  return names.length === 0 ? "not recorded" : names.map((n) => scribe.text(n)).join(", ");
}

function downtimeLine(model: JournalModel, scribe: Scribe): string {
  if (model.downtime.length === 0) return "none recorded";
  return model.downtime
    .map((w) => {
      const link = mdLinkTo(eventAnchor(w.beginSeq), `#${w.beginSeq}`);
      const span = w.ended === null ? "never closed" : humanDuration(w.ended - w.began);
      return `${scribe.text(w.name)} ${span} (${link})`;
    })
    .join("; ");
}

/** Status badge and counts of commands and problems. */
export function outcomeLine(model: JournalModel): string {
  const commands = commandsOf(model);
  const failed = commands.filter((c) => commandOutcome(c.payload).tone !== "ok").length;
  const problems = notesOf(model, ["problem"]);
  const fixed = problems.filter((p) => model.fixesOf.has(p.id)).length;
  const status = model.journal.status;
  const tone =
    status === "completed"
      ? "ok"
      : status === "in-progress" || status === "planned"
        ? "warn"
        : "failed";
  return `${mdBadge(tone, status)} ${count(commands.length, "command")} (${failed} not ok), ${count(problems.length, "problem")} (${fixed} fixed)`;
}

/** `1 problem`, `3 problems` */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** A table of phases with begin, end and duration, linked to their sections. */
export function phaseTable(model: JournalModel, scribe: Scribe): string[] {
  const rows = model.sections.map((s, i) => {
    const name = scribe.link(phaseAnchor(i), s.name ?? "Outside any phase");
    const count = s.events.filter((e) => e.payload.kind === "command").length;
    const began = s.began === null ? "" : utcDateTime(s.began);
    const ended = s.ended === null ? "" : utcDateTime(s.ended);
    const took = s.began !== null && s.ended !== null ? humanDuration(s.ended - s.began) : "";
    return `| ${name} | ${began} | ${ended} | ${took} | ${count} |`;
  });
  return [
    "## Phases",
    ["| Phase | Began | Ended | Took | Commands |", "|---|---|---|---|---|", ...rows].join("\n"),
  ];
}

/** Problems with links to their fixes, then decisions and lessons, each linked to its event. */
export function findingsBlocks(model: JournalModel, scribe: Scribe): string[] {
  const blocks: string[] = [];
  const problems = notesOf(model, ["problem"]);
  if (problems.length > 0) {
    blocks.push("## Problems and fixes");
    blocks.push(
      problems
        .map((p) => {
          scribe.about(eventLabel(p));
          const fixes = model.fixesOf.get(p.id) ?? [];
          const fixed =
            fixes.length === 0
              ? mdBadge("failed", "unresolved")
              : fixes.map((f) => mdLinkTo(eventAnchor(f.seq), `fix #${f.seq}`)).join(", ");
          return `- ${mdLinkTo(eventAnchor(p.seq), `problem #${p.seq}`)}: ${scribe.text(p.payload.text)} → ${fixed}`;
        })
        .join("\n"),
    );
  }
  const marked = notesOf(model, ["decision", "lesson"]);
  if (marked.length > 0) {
    blocks.push("## Decisions and lessons");
    blocks.push(
      marked
        .map((n) => {
          scribe.about(eventLabel(n));
          const kind = n.payload.noteKind;
          return `- ${mdBadge(kind, kind)} ${mdLinkTo(eventAnchor(n.seq), `#${n.seq}`)}: ${scribe.text(n.payload.text)}`;
        })
        .join("\n"),
    );
  }
  return blocks;
}
