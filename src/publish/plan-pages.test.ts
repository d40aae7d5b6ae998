import { describe, expect, it } from "vitest";
import { seedUpgrade } from "../../test/fixtures/publish/seed.js";
import { seedSnapshots } from "../../test/fixtures/publish/seed-snapshots.js";
import { seededStore } from "../../test/fixtures/publish/seeded-store.js";
import type { PlanEventPayload } from "../journal/index.js";
import { glossary } from "../plan/index.js";
import { escapeHtml, renderRoute } from "./index.js";

const t = seededStore("stacklog-plan-pages-", seedSnapshots);
const plan = () => t.seeded.plan.payload as PlanEventPayload;
const steps = () => plan().phases.flatMap((p) => p.steps);
const stepHtml = (body: string, id: string) => {
  const at = body.indexOf(`id="step-${id}"`);
  return body.slice(at, body.indexOf("</li>", at));
};

describe("plan versus actual, on the account page", () => {
  const section = () => {
    const body = t.page(`/journals/${t.seeded.journalId}/`);
    return body.slice(
      body.indexOf('id="plan-actual"'),
      body.indexOf("</section>", body.indexOf('id="plan-actual"')),
    );
  };

  it("counts the steps by state and the unplanned commands", () => {
    const n = steps().length;
    expect(section()).toContain(
      `kolla-ansible ${plan().from} → 2023.1: 2 of ${n} steps done, 1 skipped, 1 repeated, ${n - 3} not done yet; 1 unplanned command.`,
    );
  });

  it("marks each step done, repeated, skipped with its reason, or not done yet", () => {
    const s = section();
    expect(stepHtml(s, t.seeded.steps.done)).toContain('<span class="badge ok">done</span>');
    const repeated = stepHtml(s, t.seeded.steps.repeated);
    expect(repeated).toContain('<span class="badge ok">done</span>');
    expect(repeated).toMatch(
      /repeated ×2<\/span> <span class="muted">commands<\/span> <a href="#e-[^"]+" class="bad-text">#\d+<\/a> <a href="#e-/,
    );
    expect(stepHtml(s, t.seeded.steps.skipped)).toContain(
      '<span class="badge warn">skipped</span> <span class="reason">— done by the storage team last week</span>',
    );
    expect(stepHtml(s, t.seeded.steps.pending)).toContain(
      '<span class="badge ">not done yet</span>',
    );
  });

  it("keeps each step's why and planned commands, collapsed", () => {
    const first = steps()[0];
    if (!first) throw new Error("empty plan");
    const item = stepHtml(section(), first.id);
    expect(item).toContain("<details><summary>why and commands</summary>");
    expect(item).toContain(escapeHtml(first.why));
  });

  it("is absent, with no plan page, when the journal follows no plan", () => {
    const other = seedUpgrade(t.store);
    expect(t.page(`/journals/${other.journalId}/`)).not.toContain("Plan versus actual");
    expect(renderRoute({ reader: t.store }, `/journals/${other.journalId}/plan/`)).toBeNull();
  });
});

describe("plan page", () => {
  it("renders every phase and step with its why, commands and point of no return", () => {
    const body = t.page(`/journals/${t.seeded.journalId}/plan/`);
    for (const ph of plan().phases) expect(body).toContain(`<h3 id="phase-${ph.id}">`);
    for (const s of steps()) {
      const item = stepHtml(body, s.id);
      expect(item).toContain(`<p class="why">${escapeHtml(s.why)}</p>`);
      if (s.commands.length)
        expect(item).toContain(`<pre class="term">${escapeHtml(s.commands[0] ?? "")}`);
      if (s.pointOfNoReturn) expect(item).toContain("Point of no return:");
    }
    expect(steps().some((s) => s.pointOfNoReturn)).toBe(true);
    expect(body).toContain('<a href="../../../glossary/index.html">glossary</a>');
    expect(body).toContain(`href="../index.html#e-${t.seeded.plan.id}"`);
  });

  it("links a step's concepts to the glossary when the stored step carries them", () => {
    const withConcepts = structuredClone(plan()) as PlanEventPayload;
    const step = withConcepts.phases[0]?.steps[0];
    if (!step) throw new Error("empty plan");
    Object.assign(step, { concepts: ["kolla-ansible"] });
    const other = seedUpgrade(t.store);
    t.store.append({
      journalId: other.journalId,
      time: Date.UTC(2026, 2, 3, 7),
      actor: "alice@deploy-1",
      terminal: null,
      phase: null,
      payload: withConcepts,
    });
    const body = t.page(`/journals/${other.journalId}/plan/`);
    expect(stepHtml(body, step.id)).toContain(
      '<a href="../../../glossary/index.html#kolla-ansible">kolla-ansible</a>',
    );
  });

  it("is linked from the account, and from planned steps marked on it", () => {
    const body = t.page(`/journals/${t.seeded.journalId}/`);
    expect(body).toContain('<a href="plan/index.html">the plan</a>');
    expect(body).toContain(`<a href="plan/index.html#step-${t.seeded.steps.skipped}">`);
  });
});

describe("glossary page", () => {
  it("lists every entry with an anchor and its links", () => {
    const body = t.page("/glossary/");
    for (const e of glossary()) {
      expect(body).toContain(`<dt id="${e.id}">`);
      for (const l of e.links) expect(body).toContain(`href="${l.url}"`);
    }
    expect(t.page("/")).toContain('href="glossary/index.html">Glossary</a>');
  });
});
