import type { JournalEvent } from "../journal/index.js";
import { html, type SafeHtml } from "./html.js";
import { conceptsOf, type PlannedStep, type PlanStatus, type StepStatus } from "./plan-status.js";

/** How the plan's parts link out from the page that shows them. */
export interface PlanLinks {
  event: (e: JournalEvent) => string;
  /** The glossary page, relative to this page. */
  glossary: string;
}

const BADGE: Record<StepStatus["state"], [string, string]> = {
  done: ["ok", "done"],
  skipped: ["warn", "skipped"],
  pending: ["", "not done yet"],
};

function stateLine(s: StepStatus, links: PlanLinks): SafeHtml {
  const [cls, text] = BADGE[s.state];
  const runs = s.commands.map(
    (c) =>
      html`<a href="${links.event(c)}" class="${c.payload.exitStatus === 0 ? "" : "bad-text"}">#${c.seq}</a> `,
  );
  const marks = s.marks.map((m) => html`<a href="${links.event(m)}">#${m.seq}</a> `);
  return html`<span class="badge ${cls}">${text}</span>${s.repeated ? html` <span class="badge warn" title="carried out by more than one command">repeated ×${s.commands.length}</span>` : ""}${s.state === "skipped" && s.reason ? html` <span class="reason">— ${s.reason}</span>` : ""}${runs.length ? html` <span class="muted">commands</span> ${runs}` : ""}${marks.length ? html` <span class="muted">marked</span> ${marks}` : ""}`;
}

function detail(step: PlannedStep, links: PlanLinks): SafeHtml {
  const concepts = conceptsOf(step);
  return html`<p class="why">${step.why}</p>
${step.commands.length ? html`<pre class="term">${step.commands.join("\n")}</pre>` : ""}
${step.pointOfNoReturn ? html`<p class="ponr"><strong>Point of no return:</strong> ${step.pointOfNoReturn}</p>` : ""}
${concepts.length ? html`<p class="concepts">Concepts: ${concepts.map((c) => html`<a href="${links.glossary}#${c}">${c}</a> `)}</p>` : ""}`;
}

/** One planned step with its state; `full` shows why and commands open, else collapsed. */
export function stepItem(
  step: PlannedStep,
  s: StepStatus,
  links: PlanLinks,
  full: boolean,
): SafeHtml {
  return html`<li class="plan-step step-${s.state}" id="step-${step.id}">
<div><strong>${step.title}</strong> <code class="muted">${step.id}</code></div>
<div class="step-state">${stateLine(s, links)}</div>
${full ? detail(step, links) : html`<details><summary>why and commands</summary>${detail(step, links)}</details>`}</li>`;
}

/** Counts of the plan's steps by state, and the unplanned commands. */
export function planCounts(st: PlanStatus): string {
  const all = [...st.steps.values()];
  const count = (state: StepStatus["state"]) => all.filter((s) => s.state === state).length;
  const u = st.unplanned.length;
  return `${count("done")} of ${all.length} steps done, ${count("skipped")} skipped, ${all.filter((s) => s.repeated).length} repeated, ${count("pending")} not done yet; ${u} unplanned command${u === 1 ? "" : "s"}`;
}

/** Every phase of the plan with its steps and their states. */
export function planPhases(st: PlanStatus, links: PlanLinks, full: boolean): SafeHtml {
  const pending: StepStatus = {
    state: "pending",
    reason: null,
    commands: [],
    marks: [],
    repeated: false,
  };
  return html`${st.plan.payload.phases.map(
    (ph) =>
      html`<h3 id="phase-${ph.id}">${ph.title}</h3><ol class="plan-steps">${ph.steps.map((step) =>
        stepItem(step, st.steps.get(step.id) ?? pending, links, full),
      )}</ol>`,
  )}`;
}
