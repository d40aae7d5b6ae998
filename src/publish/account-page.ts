import {
  type AmendPayload,
  inTimeOrder,
  type Journal,
  type JournalEvent,
  type JournalReader,
  type NotePayload,
} from "../journal/index.js";
import { type EventContext, eventView } from "./event-view.js";
import { type JournalFacts, journalFacts } from "./facts.js";
import { duration, utc } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { layout, type Rendered, timeTag } from "./layout.js";
import { type OutputTail, outputTail } from "./output-tail.js";
import { planActual } from "./plan-page.js";
import { planStatus } from "./plan-status.js";
import { snapshotsOf } from "./snapshot-data.js";
import { timelineChart } from "./timeline.js";
import { whatChanged } from "./what-changed.js";

/** Builds the cross references of a journal's events for rendering them. */
export function eventContext(
  reader: JournalReader,
  events: readonly JournalEvent[],
  tail: (outputId: string) => OutputTail = (id) => outputTail(reader, id),
): EventContext {
  const seq = new Map<string, number>();
  const amends = new Map<string, JournalEvent<AmendPayload>[]>();
  const fixes = new Map<string, JournalEvent<NotePayload>[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const e of events) {
    seq.set(e.id, e.seq);
    if (e.payload.kind === "amend") push(amends, e.payload.target, e as JournalEvent<AmendPayload>);
    if (e.payload.kind === "note" && e.payload.fixes)
      push(fixes, e.payload.fixes, e as JournalEvent<NotePayload>);
  }
  return {
    seqOf: (id) => seq.get(id),
    amendsOf: (id) => amends.get(id) ?? [],
    fixesOf: (id) => fixes.get(id) ?? [],
    tail,
    hasPlan: events.some((e) => e.payload.kind === "plan"),
  };
}

function summary(j: Journal, f: JournalFacts, events: readonly JournalEvent[]): SafeHtml {
  // user@host actors whose user is a named operator add nothing to the list.
  const others = events
    .map((e) => e.actor)
    .filter((a) => !j.operators.includes(a.split("@")[0] ?? a));
  const actors = [...new Set([...j.operators, ...others])];
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
  const what = [
    j.tool,
    j.fromSeries && j.toSeries ? `${j.fromSeries} → ${j.toSeries}` : (j.toSeries ?? j.fromSeries),
  ]
    .filter(Boolean)
    .join(", ");
  return html`<dl class="summary">
<dt>What</dt><dd>${what || "—"}${j.site || j.system ? html` at ${[j.site, j.system].filter(Boolean).join(" / ")}` : ""}</dd>
<dt>Who</dt><dd>${actors.join(", ") || "—"}</dd>
<dt>When</dt><dd>${timeTag(f.start, f.start === null ? "" : utc(f.start))} → ${j.status === "in-progress" ? "now" : timeTag(f.end, f.end === null ? "" : utc(f.end))}</dd>
<dt>How long</dt><dd>${f.start !== null && f.end !== null ? duration(f.end - f.start) : "—"}</dd>
<dt>Downtime</dt><dd id="downtime">${f.downtime.length ? `${duration(f.downtimeMs)} in ${f.downtime.length} window${f.downtime.length > 1 ? "s" : ""}` : "none recorded"}</dd>
<dt>Outcome</dt><dd><span id="journal-status" class="badge status-${j.status}">${j.status}</span></dd>
<dt>Record</dt><dd>${n(f.commands, "command")}, ${f.failures} failed, ${n(f.problems, "problem")}, ${n(f.events, "event")}</dd>
${references(events)}</dl>`;
}

/** Links to the journal's configuration reference and plan pages, when it has them. */
function references(events: readonly JournalEvent[]): SafeHtml {
  const snaps = snapshotsOf(events);
  const links = [
    snaps.config.length || snaps.cloud.length
      ? html`<a href="config/index.html">configuration reference</a>`
      : null,
    planStatus(events) ? html`<a href="plan/index.html">the plan</a>` : null,
  ].filter((x): x is SafeHtml => x !== null);
  if (links.length === 0) return html``;
  return html`<dt>Reference</dt><dd>${links.map((l, i) => html`${i ? " · " : ""}${l}`)}</dd>`;
}

/** "What changed" between the first and last snapshots; empty without snapshots. */
function changedSection(events: readonly JournalEvent[]): SafeHtml {
  const diff = whatChanged(snapshotsOf(events), (e) => `#e-${e.id}`);
  if (!diff.value) return html``;
  return html`<section class="what-changed" id="what-changed"><h2>What changed</h2>
${diff}</section>`;
}

/** Groups consecutive events by their phase (events in time order: `inTimeOrder`). */
function byPhase(
  events: readonly JournalEvent[],
): { phase: string | null; events: JournalEvent[] }[] {
  const groups: { phase: string | null; events: JournalEvent[] }[] = [];
  for (const e of events) {
    const last = groups.at(-1);
    if (last && last.phase === e.phase) last.events.push(e);
    else groups.push({ phase: e.phase, events: [e] });
  }
  return groups;
}

export interface AccountOptions {
  now?: number;
  /** Served live: an in-progress journal gets the live badge and subscribes to `/events/<id>`. */
  live?: boolean;
  /** Output tails, when the caller reads them once for several files. */
  tail?: (outputId: string) => OutputTail;
  /** Renders one event (publish reuses what it rendered before); default `eventView`. */
  fragment?: (e: JournalEvent, ctx: EventContext) => SafeHtml;
}

/** The chronological account of one journal, at `journals/<id>/index.html`. */
export function accountPage(
  reader: JournalReader,
  journalId: string,
  opts: AccountOptions = {},
): Rendered {
  const j = reader.getJournal(journalId);
  return renderAccount(reader, j, reader.events(j.id), opts);
}

/** The account page from events already read (publish reads them once for several files). */
export function renderAccount(
  reader: JournalReader,
  j: Journal,
  events: readonly JournalEvent[],
  opts: AccountOptions = {},
): Rendered {
  const f = journalFacts(j, events, opts.now);
  const ctx = eventContext(reader, events, opts.tail);
  const live = opts.live === true && j.status === "in-progress";
  const render = opts.fragment ?? eventView;
  const sections = byPhase(inTimeOrder(events)).map(
    (
      g,
    ) => html`<section class="phase" data-phase="${g.phase ?? ""}"><h2>${g.phase ?? "Outside any phase"}</h2>
<ol class="events">${g.events.map((e) => render(e, ctx))}</ol></section>`,
  );
  const body = html`<h1>${j.title} ${live ? html`<span id="live-badge" class="badge live" title="this journal is being recorded">live</span>` : ""}</h1>
${summary(j, f, events)}
${timelineChart(f)}
${changedSection(events)}
${planActual(events)}
<div id="account-events">${sections}</div>`;
  return layout({
    title: j.title,
    root: "../../",
    body,
    mainAttrs: html` data-journal="${j.id}" data-last-seq="${f.lastSeq}"${live ? html` data-live="../../events/${j.id}"` : ""}`,
  });
}
