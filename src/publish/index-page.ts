import type { Journal } from "../journal/index.js";
import type { JournalFacts } from "./facts.js";
import { duration, utcDate } from "./format.js";
import { html } from "./html.js";
import { layout, type Rendered, timeTag } from "./layout.js";

/** A journal with its facts, as the index lists it. */
export interface JourneyRow {
  journal: Journal;
  facts: JournalFacts;
}

function row({ journal: j, facts: f }: JourneyRow, live: boolean) {
  const span = f.start !== null && f.end !== null ? f.end - f.start : null;
  return html`<tr>
<td data-v="${j.title}"><a href="journals/${encodeURIComponent(j.id)}/index.html">${j.title}</a>${live && j.status === "in-progress" ? html` <span class="badge live">live</span>` : ""}</td>
<td>${j.site ?? ""}</td><td>${j.system ?? ""}</td><td>${j.tool ?? ""}</td>
<td>${j.fromSeries ?? "?"} → ${j.toSeries ?? "?"}</td>
<td data-v="${f.start ?? ""}">${timeTag(f.start, f.start === null ? "" : utcDate(f.start))}${f.end !== null && f.start !== null && utcDate(f.end) !== utcDate(f.start) ? html` – ${timeTag(f.end, utcDate(f.end))}` : ""}</td>
<td class="num" data-v="${span ?? ""}">${duration(span)}</td>
<td data-v="${j.status}"><span class="badge status-${j.status}">${j.status}</span></td>
<td class="num">${f.commands}</td><td class="num">${f.failures}</td><td class="num">${f.problems}</td>
</tr>`;
}

/**
 * The journeys index at `index.html`: every journal, newest first, sortable and filterable.
 * `live` (served, not published) marks journals being recorded.
 */
export function indexPage(rows: readonly JourneyRow[], live = false): Rendered {
  const sorted = [...rows].sort(
    (a, b) => (b.facts.start ?? b.journal.createdAt) - (a.facts.start ?? a.journal.createdAt),
  );
  const body = html`<h1>Journeys</h1>
<p class="muted">${rows.length} journal${rows.length === 1 ? "" : "s"}. Times in UTC.</p>
<input class="filter" type="search" placeholder="Filter journeys" aria-label="Filter journeys" data-filter="journeys" hidden>
<div class="table-wrap"><table id="journeys" class="journeys" data-sortable>
<thead><tr><th data-key="title">Journal</th><th data-key="site">Site</th><th data-key="system">System</th><th data-key="tool">Tool</th><th data-key="hop">From → to</th><th data-key="date">Dates</th><th data-key="duration">Duration</th><th data-key="status">Status</th><th data-key="commands">Commands</th><th data-key="failures">Failures</th><th data-key="problems">Problems</th></tr></thead>
<tbody>${sorted.map((r) => row(r, live))}</tbody></table></div>`;
  return layout({ title: "Journeys", root: "", body });
}
