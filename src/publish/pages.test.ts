import { describe, expect, it } from "vitest";
import { seedUpgrade } from "../../test/fixtures/publish/seed.js";
import { seededStore } from "../../test/fixtures/publish/seeded-store.js";
import { renderRoute } from "./index.js";

const t = seededStore("stacklog-pages-", seedUpgrade);

describe("journeys index", () => {
  it("lists each journal with its counts of commands, failures and problems", () => {
    const body = t.page("/");
    expect(body).toContain("Yoga → Zed upgrade of the research cloud");
    expect(body).toContain(`href="journals/${t.seeded.journalId}/index.html"`);
    const row = body.slice(body.indexOf("<tbody>"));
    expect(row).toMatch(/<td class="num">3<\/td><td class="num">1<\/td><td class="num">1<\/td>/);
    expect(row).toContain("kayobe");
    expect(row).toContain("2023.1 → 2024.1");
    expect(row).toContain("completed");
  });
});

describe("account page", () => {
  const account = () => t.page(`/journals/${t.seeded.journalId}/`);

  it("sections events by phase and charts the phases with the downtime window", () => {
    const body = account();
    expect(body).toMatch(/<section class="phase" data-phase="pre-checks"><h2>pre-checks<\/h2>/);
    expect(body).toMatch(
      /<section class="phase" data-phase="control plane"><h2>control plane<\/h2>/,
    );
    expect(body).toContain('class="timeline"');
    expect(body).toMatch(/class="down" style="left:[\d.]+%;width:[\d.]+%"/);
    // The seed opens the window at its 6th clock tick and closes it at its 15th, a minute apart each.
    expect(body).toContain('<dd id="downtime">9m 00s in 1 window</dd>');
  });

  it("links a problem to its fix and the fix back to the problem", () => {
    const body = account();
    expect(body).toContain(`<a href="#e-${t.seeded.fix.id}">fixed by #${t.seeded.fix.seq}</a>`);
    expect(body).toContain(
      `fixes <a href="#e-${t.seeded.problem.id}">#${t.seeded.problem.seq}</a>`,
    );
  });

  it("shows an amend on the event it corrects", () => {
    const body = account();
    const problem = body.slice(body.indexOf(`id="e-${t.seeded.problem.id}"`));
    const end = problem.indexOf("</li>");
    expect(problem.slice(0, end)).toContain("it was ctl3, not ctl2");
  });

  it("embeds only the tail of a long output and links the whole output", () => {
    const body = account();
    expect(body).toContain(
      `href="output/${t.seeded.longOutput.payload.kind === "command" ? t.seeded.longOutput.payload.outputId : ""}.html"`,
    );
    expect(body).not.toContain("x".repeat(5000));
    expect(body).toContain("PLAY RECAP done");
  });

  it("renders ANSI colours as spans and the failed Ansible task", () => {
    const body = account();
    expect(body).toContain(
      '<span class="a-f1 a-bold">fatal: [ctl2]: FAILED! =&gt; galera did not start</span>',
    );
    expect(body).toContain("Failed tasks");
    expect(body).toContain('class="badge bad">exit 2</span>');
  });

  it("gives every event a permalink anchor", () => {
    const body = account();
    for (const e of t.store.events(t.seeded.journalId)) expect(body).toContain(`id="e-${e.id}"`);
  });

  it("serves the whole output as its own page", () => {
    const p = t.seeded.longOutput.payload;
    if (p.kind !== "command" || !p.outputId) throw new Error("seed changed");
    expect(t.page(`/journals/${t.seeded.journalId}/output/${p.outputId}.html`)).toContain(
      "x".repeat(9000),
    );
  });

  it("refuses an output id that the journal does not reference", () => {
    expect(
      renderRoute({ reader: t.store }, `/journals/${t.seeded.journalId}/output/nope.html`),
    ).toBeNull();
  });
});

describe("lessons page", () => {
  it("lists problems, fixes, decisions and lessons by phase and tool with links into the account", () => {
    const body = t.page("/lessons/");
    expect(body).toContain("<h2>control plane</h2><h3>kayobe</h3>");
    for (const t of [
      "galera node ctl2",
      "bootstrapped galera",
      "continue with compute",
      "take a galera backup",
    ])
      expect(body).toContain(t);
    expect(body).toContain(`../journals/${t.seeded.journalId}/index.html#e-${t.seeded.problem.id}`);
  });
});

describe("search", () => {
  it("indexes commands with links to their permalinks in a script shard", () => {
    const shard = t.page(`/assets/search/${t.seeded.journalId}.js`);
    expect(shard).toContain("kayobe overcloud service upgrade");
    expect(shard).toContain(`index.html#e-${t.seeded.failed.id}`);
    expect(t.page("/search/")).toContain(`src="../assets/search/${t.seeded.journalId}.js"`);
  });
});
