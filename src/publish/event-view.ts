import type { AmendPayload, CommandPayload, JournalEvent, NotePayload } from "../journal/index.js";
import { assertNever } from "../journal/index.js";
import { ansiToHtml } from "./ansi.js";
import { ansibleView } from "./ansible-view.js";
import { bytes, duration, utc } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { timeTag } from "./layout.js";
import type { OutputTail } from "./output-tail.js";
import { snapshotView } from "./snapshot-summary.js";

/** What rendering one event needs besides the event: cross references and output tails. */
export interface EventContext {
  seqOf(eventId: string): number | undefined;
  amendsOf(eventId: string): readonly JournalEvent<AmendPayload>[];
  fixesOf(eventId: string): readonly JournalEvent<NotePayload>[];
  tail(outputId: string): OutputTail;
  /** The journal has a plan event, so `plan/index.html` exists to link steps to. */
  hasPlan: boolean;
}

function stepLink(ctx: EventContext, step: string): SafeHtml {
  const code = html`<code>${step}</code>`;
  return ctx.hasPlan ? html`<a href="plan/index.html#step-${step}">${code}</a>` : code;
}

const ref = (ctx: EventContext, id: string) => {
  const seq = ctx.seqOf(id);
  return html`<a href="#e-${id}">#${seq ?? id.slice(0, 10)}</a>`;
};

function statusBadge(p: CommandPayload): SafeHtml {
  if (p.interrupted) return html`<span class="badge warn">interrupted</span>`;
  if (p.exitStatus === null)
    return html`<span class="badge warn">${p.endedAt ? "unknown" : "running"}</span>`;
  if (p.exitStatus === 0) return html`<span class="badge ok">exit 0</span>`;
  return html`<span class="badge bad">exit ${p.exitStatus}${p.signal ? ` (${p.signal})` : ""}</span>`;
}

function outputBlock(p: CommandPayload, ctx: EventContext): SafeHtml {
  if (!p.outputId) return html``;
  const t = ctx.tail(p.outputId);
  const href = `output/${encodeURIComponent(p.outputId)}.html`;
  const label = t.truncated
    ? `output (${bytes(t.size)}, last ${bytes(t.text.length)} shown)`
    : `output (${bytes(t.size)})`;
  return html`<details class="output"><summary>${label}</summary><div class="output-body">
<pre class="term">${ansiToHtml(t.text)}</pre>
${t.truncated ? html`<a class="full-output" href="${href}">whole output</a>` : ""}</div></details>`;
}

function commandView(p: CommandPayload, ctx: EventContext): SafeHtml {
  return html`<div class="cmdline"><code>${p.hidden ? "(hidden)" : p.line}</code><button type="button" class="copy no-print">copy</button></div>
<div class="meta">${statusBadge(p)} <span>${duration(p.durationMs)}</span> <span>${p.user}@${p.host}</span> <span title="working directory">${p.cwd}</span>${p.step ? html` <span>step ${stepLink(ctx, p.step)}</span>` : ""}</div>
${p.summary?.ansible ? ansibleView(p.summary.ansible) : ""}${outputBlock(p, ctx)}`;
}

function noteView(e: JournalEvent<NotePayload>, ctx: EventContext): SafeHtml {
  const p = e.payload;
  const fixedBy = ctx.fixesOf(e.id).map((f) => html`<a href="#e-${f.id}">fixed by #${f.seq}</a> `);
  return html`<div class="text"><strong>${p.noteKind}:</strong> ${p.text}</div>${
    p.fixes ? html`<div>fixes ${ref(ctx, p.fixes)}</div>` : ""
  }${p.noteKind === "problem" ? html`<div class="fixed-by"${fixedBy.length ? "" : html` hidden`}>${fixedBy}</div>` : ""}`;
}

function body(e: JournalEvent, ctx: EventContext): SafeHtml {
  const p = e.payload;
  switch (p.kind) {
    case "phase":
      return html`<div class="text">${p.action === "begin" ? "▶ phase begins" : "■ phase ends"}: <strong>${p.name}</strong></div>`;
    case "command":
      return commandView(p, ctx);
    case "note":
      return noteView(e as JournalEvent<NotePayload>, ctx);
    case "milestone":
      return html`<div class="text"><strong>${p.window === "begin" ? "▼ downtime begins" : p.window === "end" ? "▲ downtime ends" : "milestone"}:</strong> ${p.name}${p.text ? html` — ${p.text}` : ""}</div>`;
    case "snapshot":
      return snapshotView(p);
    case "check":
      return html`<div class="text"><strong>check ${p.name}</strong> <span class="badge ${p.severity === "high" || p.inhibitor ? "bad" : "warn"}">${p.severity}${p.inhibitor ? ", blocks the upgrade" : ""}</span> ${p.text}</div>`;
    case "amend":
      return html`<div class="text"><strong>correction</strong> to ${ref(ctx, p.target)}: ${p.text}</div>`;
    case "plan":
      return html`<div class="text"><strong>plan:</strong> ${p.tool} ${p.from} → ${p.to}, ${p.hops.length} hop(s), ${p.phases.reduce((n, ph) => n + ph.steps.length, 0)} steps · <a href="plan/index.html">the whole plan</a></div>`;
    case "step":
      return html`<div class="text"><strong>step ${p.state}:</strong> ${stepLink(ctx, p.step)}${p.text ? html` — ${p.text}` : ""}</div>`;
    default:
      return assertNever(p);
  }
}

function classes(e: JournalEvent): string {
  const p = e.payload;
  const extra =
    p.kind === "note"
      ? ` note-${p.noteKind}`
      : p.kind === "command" && p.exitStatus !== null && p.exitStatus !== 0
        ? " failed"
        : "";
  return `event ${p.kind}${extra}`;
}

/**
 * The terminal an event came from, or null when there is none to show. Input from /dev/null
 * reaches the store as the terminal name "null" (src/cli/context.ts names the device behind fd 0).
 */
export function terminalLabel(terminal: string | null): string | null {
  return terminal && terminal !== "null" ? terminal : null;
}

/** One amend, as shown on the event it corrects. */
export function amendView(a: JournalEvent<AmendPayload>): SafeHtml {
  return html`<div><a href="#e-${a.id}">correction #${a.seq}</a> (${a.actor}, ${timeTag(a.time, utc(a.time))}): ${a.payload.text}</div>`;
}

/** One event as a list item with a permalink anchor `#e-<id>`. */
export function eventView(e: JournalEvent, ctx: EventContext): SafeHtml {
  const amends = ctx.amendsOf(e.id);
  return html`<li class="${classes(e)}" id="e-${e.id}" data-seq="${e.seq}">
<div class="meta"><a class="perma" href="#e-${e.id}" title="permalink">#${e.seq}</a> ${timeTag(e.time, utc(e.time))} <span>${e.actor}</span>${terminalLabel(e.terminal) ? html` <span>${terminalLabel(e.terminal)}</span>` : ""}</div>
${body(e, ctx)}
<div class="amends"${amends.length ? "" : html` hidden`}>${amends.map(amendView)}</div>
</li>`;
}
