import type { Journal, JournalEvent, JournalReader, NotePayload } from "../journal/index.js";
import { utc } from "./format.js";
import { html, raw } from "./html.js";
import { layout, type Rendered, timeTag } from "./layout.js";

const KINDS: readonly string[] = ["problem", "fix", "decision", "lesson"];

/** One problem, fix, decision or lesson, rendered, with what the page groups it by. */
export interface LessonEntry {
  phase: string;
  tool: string;
  html: string;
}

function itemHtml(j: Journal, e: JournalEvent<NotePayload>): string {
  const account = `../journals/${encodeURIComponent(j.id)}/index.html`;
  return html`<li class="event note-${e.payload.noteKind}"><div class="meta"><span class="badge">${e.payload.noteKind}</span> <a href="${account}#e-${e.id}">${j.title} #${e.seq}</a> ${timeTag(e.time, utc(e.time))} ${e.actor}</div>
<div class="text">${e.payload.text}</div>${e.payload.fixes ? html`<div><a href="${account}#e-${e.payload.fixes}">the problem it fixes</a></div>` : ""}</li>`
    .value;
}

/** The lesson entries among a journal's events. */
export function lessonEntries(journal: Journal, events: readonly JournalEvent[]): LessonEntry[] {
  const tool = journal.tool ?? "(tool not given)";
  return events
    .filter(
      (e): e is JournalEvent<NotePayload> =>
        e.payload.kind === "note" && KINDS.includes(e.payload.noteKind),
    )
    .map((e) => ({ phase: e.phase ?? "(no phase)", tool, html: itemHtml(journal, e) }));
}

/** The lesson entries of the given journals, read from the store. */
export function collectLessons(reader: JournalReader, journals: readonly Journal[]): LessonEntry[] {
  return journals.flatMap((j) => lessonEntries(j, reader.events(j.id, { kinds: ["note"] })));
}

function group<T>(items: readonly T[], key: (t: T) => string): [string, T[]][] {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return [...m].sort(([a], [b]) => a.localeCompare(b));
}

/** The lessons page at `lessons/index.html`: grouped by phase, then by deployment tool. */
export function lessonsPage(entries: readonly LessonEntry[]): Rendered {
  const phases = group(entries, (e) => e.phase).map(
    ([phase, inPhase]) =>
      html`<section><h2>${phase}</h2>${group(inPhase, (e) => e.tool).map(
        // Safe: each entry's html was built by itemHtml with `html`.
        ([tool, list]) =>
          html`<h3>${tool}</h3><ol class="events">${raw(list.map((e) => e.html).join(""))}</ol>`,
      )}</section>`,
  );
  const body = html`<h1>Lessons</h1>
<p class="muted">${entries.length} problems, fixes, decisions and lessons from every journey, by phase and deployment tool.</p>
${phases}`;
  return layout({ title: "Lessons", root: "../", body });
}
