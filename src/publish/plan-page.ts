import type { Journal, JournalEvent } from "../journal/index.js";
import { html, type SafeHtml } from "./html.js";
import { layout, type Rendered } from "./layout.js";
import { planStatus } from "./plan-status.js";
import { planCounts, planPhases } from "./plan-view.js";

/** "Plan versus actual" for the account page; empty when the journal follows no plan. */
export function planActual(events: readonly JournalEvent[]): SafeHtml {
  const st = planStatus(events);
  if (!st) return html``;
  const p = st.plan.payload;
  const links = { event: (e: JournalEvent) => `#e-${e.id}`, glossary: "../../glossary/index.html" };
  return html`<section class="plan-actual" id="plan-actual"><h2>Plan versus actual</h2>
<p>${p.tool} ${p.from} → ${p.to}: ${planCounts(st)}. <a href="plan/index.html">The whole plan</a></p>
${planPhases(st, links, false)}</section>`;
}

/** The journal's plan in full at `journals/<id>/plan/index.html`; null when it has none. */
export function planPage(j: Journal, events: readonly JournalEvent[]): Rendered | null {
  const st = planStatus(events);
  if (!st) return null;
  const p = st.plan.payload;
  const links = {
    event: (e: JournalEvent) => `../index.html#e-${e.id}`,
    glossary: "../../../glossary/index.html",
  };
  const hops = p.hops.map(
    (h) =>
      html`<li>${h.from} → ${h.to}${h.skipped.length ? html` <span class="muted">(skips ${h.skipped.join(", ")})</span>` : ""}</li>`,
  );
  const body = html`<p><a href="../index.html">← ${j.title}</a></p>
<h1>Plan: ${p.tool} ${p.from} → ${p.to}</h1>
<p class="muted">Recorded as <a href="${links.event(st.plan)}">#${st.plan.seq}</a>. ${planCounts(st)}. Terms are explained in the <a href="${links.glossary}">glossary</a>.</p>
<h2>Hops</h2><ol>${hops}</ol>
<h2>Phases and steps</h2>
${planPhases(st, links, true)}`;
  return layout({ title: `Plan of ${j.title}`, root: "../../../", body });
}
