import type { JournalFacts, Span } from "./facts.js";
import { duration, utc } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { timeTag } from "./layout.js";

function pct(x: number): string {
  return `${Math.max(0, Math.min(100, x)).toFixed(2)}%`;
}

function placed(s: Span, t0: number, total: number): string {
  return `left:${pct(((s.start - t0) / total) * 100)};width:${pct(((s.end - s.start) / total) * 100)}`;
}

/**
 * A Gantt-like chart of the phases with downtime windows shaded across every row; plain
 * HTML and CSS, so it reads without JavaScript and prints.
 */
export function timelineChart(f: JournalFacts): SafeHtml {
  if (f.start === null || f.end === null || (f.phases.length === 0 && f.downtime.length === 0))
    return html``;
  const t0 = f.start;
  const total = Math.max(1, f.end - t0);
  const down = f.downtime.map(
    (d) =>
      html`<div class="down" style="${placed(d, t0, total)}" title="downtime: ${d.name} (${duration(d.end - d.start)})"></div>`,
  );
  const row = (label: SafeHtml, bar: SafeHtml) =>
    html`<div class="row"><div class="label">${label}</div><div class="track">${down}${bar}</div></div>`;
  const phases = f.phases.map((p) =>
    row(
      html`<span title="${p.name}">${p.name}</span> <span class="muted">${duration(p.end - p.start)}</span>`,
      html`<div class="bar${p.open ? " open" : ""}" style="${placed(p, t0, total)}" title="${p.name}: ${utc(p.start)} → ${p.open ? "ongoing" : utc(p.end)} (${duration(p.end - p.start)})"></div>`,
    ),
  );
  const windows = f.downtime.length
    ? row(html`<span class="muted">downtime ${duration(f.downtimeMs)}</span>`, html``)
    : "";
  return html`<figure class="timeline" aria-label="Phase timeline">${phases}${windows}
<div class="row"><div></div><div class="axis">${timeTag(f.start, utc(f.start))}<span>${duration(total)}</span>${timeTag(f.end, utc(f.end))}</div></div></figure>`;
}
