import { describe, expect, it } from "vitest";
import { StacklogError } from "../errors/index.js";
import { glossaryEntry } from "./glossary.js";
import { nextStep, planToJournalPhases } from "./journal-phases.js";
import { planUpgrade } from "./plan-upgrade.js";
import { releases } from "./release-data.js";
import { renderPlanMarkdown, renderPlanText } from "./render-plan.js";

const hopsOf = (tool: string, from: string, to: string) =>
  planUpgrade({ tool, from, to }).hops.map((h) => `${h.from.id}>${h.to.id}`);

describe("planUpgrade paths", () => {
  it.each([
    ["kolla-ansible", "2023.1", "2024.1", ["2023.1>2024.1"]],
    ["kolla-ansible", "caracal", "epoxy", ["2024.1>2025.1"]],
    ["kolla-ansible", "zed", "2024.1", ["2022.2>2023.1", "2023.1>2024.1"]],
    ["kayobe", "2023.2", "2025.1", ["2023.2>2024.1", "2024.1>2025.1"]],
    ["openstack-ansible", "2025.1", "2026.1", ["2025.1>2026.1"]],
    ["kolla-ansible", "yoga", "zed", ["2022.1>2022.2"]],
    ["kolla-ansible", "16.2.0", "2024.1", ["2023.1>2024.1"]],
    ["kayobe", "14.x", "15", ["2023.1>2023.2"]],
    ["kolla-ansible", "2024.1", "2024.2", ["2024.1>2024.2"]],
  ])("%s %s → %s goes %j", (tool, from, to, hops) => {
    expect(hopsOf(tool, from, to)).toEqual(hops);
  });

  it("names the skipped series and says the tool supports SLURP", () => {
    const plan = planUpgrade({ tool: "kolla-ansible", from: "2023.1", to: "2024.1" });
    expect(plan.hops[0]?.skipped.map((s) => s.name)).toEqual(["bobcat"]);
    expect(plan.notes.join(" ")).toMatch(/SLURP skip-level .* kolla-ansible supports it/);
  });

  it.each([
    ["kolla-ansible", "2024.1", "2023.1", "DowngradeRefused"],
    ["kolla-ansible", "zed", "zed", "UpgradeSameSeries"],
    ["kolla-ansible", "2023.1", "kilo", "UnknownSeries"],
    ["kolla-ansible", "2025.1", "2026.2", "ToolNeverReaches"],
    ["charms", "2023.1", "2024.1", "UnknownPlanTool"],
    ["kolla-ansible", "99.x", "2024.1", "UnknownSeries"],
  ])("refuses %s %s → %s with %s", (tool, from, to, code) => {
    const run = () => planUpgrade({ tool, from, to });
    expect(run).toThrow(StacklogError);
    try {
      run();
    } catch (e) {
      expect((e as StacklogError).code).toBe(code);
    }
  });
});

describe("planUpgrade constraints", () => {
  const ids = (tool: string, from: string, to: string, config?: object) =>
    planUpgrade({ tool, from, to, ...(config ? { config } : {}) }).hops.map((h) =>
      h.constraints.map((c) => c.id),
    );

  it("adds the RabbitMQ 3.12 step only to the SLURP hop into caracal", () => {
    expect(ids("kolla-ansible", "2023.1", "2024.1")[0]).toContain("rabbitmq-3.12-before-caracal");
    expect(ids("kolla-ansible", "2023.2", "2024.1")[0]).not.toContain(
      "rabbitmq-3.12-before-caracal",
    );
  });

  it("requires durable queues and Noble for Ubuntu hosts going to epoxy", () => {
    const cfg = {
      baseDistro: "ubuntu",
      baseDistroVersion: "22.04",
      enabledServices: ["rabbitmq", "nova"],
    };
    const plan = planUpgrade({ tool: "kolla-ansible", from: "2024.1", to: "2025.1", config: cfg });
    const c = plan.hops[0]?.constraints ?? [];
    expect(c.map((x) => x.id)).toEqual(
      expect.arrayContaining(["durable-queues-epoxy", "ubuntu-noble-before-epoxy"]),
    );
    expect(c.find((x) => x.id === "2025.1-host-os")?.severity).toBe("blocker");
    expect(c.every((x) => x.source.url.startsWith("https://"))).toBe(true);
  });

  it("drops what does not apply to the deployment", () => {
    const cfg = { baseDistro: "rocky", baseDistroVersion: "9", enabledServices: ["nova"] };
    const got = ids("kolla-ansible", "2024.1", "2025.1", cfg)[0] ?? [];
    expect(got).not.toContain("ubuntu-noble-before-epoxy");
    expect(got).not.toContain("durable-queues-epoxy");
    expect(got).not.toContain("ironic-wait-states");
  });

  it("keeps conditional constraints with their condition when facts are unknown", () => {
    const plan = planUpgrade({ tool: "kolla-ansible", from: "2024.1", to: "2025.1" });
    expect(plan.hops[0]?.constraints.find((c) => c.id === "durable-queues-epoxy")?.condition).toBe(
      "if rabbitmq is enabled",
    );
  });

  it("gives ansible-core and Python minimums of the target", () => {
    const c =
      planUpgrade({ tool: "kolla-ansible", from: "2025.1", to: "2026.1" }).hops[0]?.constraints ??
      [];
    expect(c.find((x) => x.id === "2026.1-ansible-core")?.text).toMatch(/2\.19 to 2\.20/);
    expect(c.find((x) => x.id === "2026.1-python")?.text).toMatch(/3\.11/);
  });

  it("refuses Debian hosts for kayobe and knows kayobe has no Debian", () => {
    const c =
      planUpgrade({
        tool: "kayobe",
        from: "2024.1",
        to: "2025.1",
        config: { baseDistro: "debian" },
      }).hops[0]?.constraints ?? [];
    expect(c.find((x) => x.id === "kayobe-no-debian")?.severity).toBe("blocker");
    expect(c.find((x) => x.id === "2025.1-host-os")?.text).not.toMatch(/debian/);
  });
});

describe("procedures", () => {
  for (const tool of ["kolla-ansible", "kayobe", "openstack-ansible"]) {
    it(`${tool} steps all have ids, commands, why and glossary links that resolve`, () => {
      const plan = planUpgrade({ tool, from: "2023.1", to: "2025.1" });
      const steps = plan.hops.flatMap((h) => h.phases.flatMap((p) => p.steps));
      expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
      for (const s of steps) {
        expect(s.id).toMatch(/^(ka|kb|osa)-20\d\d\.[12]-[a-z0-9.-]+$/);
        expect(s.commands.length).toBeGreaterThan(0);
        expect(s.why.length).toBeGreaterThan(20);
        for (const c of s.concepts) expect(glossaryEntry(c), `${s.id} → ${c}`).toBeDefined();
      }
      expect(steps.filter((s) => s.pointOfNoReturn).length).toBe(
        plan.hops.length +
          (tool === "openstack-ansible"
            ? 0
            : plan.hops.filter((h) => h.constraints.some((c) => c.id === "durable-queues-epoxy"))
                .length),
      );
    });
  }

  it("puts backups before the point of no return", () => {
    const plan = planUpgrade({ tool: "kolla-ansible", from: "2024.1", to: "2025.1" });
    const ids = planToJournalPhases(plan).flatMap((p) => p.steps.map((s) => s.id));
    expect(ids.indexOf("ka-2025.1-backup-database")).toBeLessThan(ids.indexOf("ka-2025.1-upgrade"));
    expect(ids).toContain("ka-2025.1-migrate-durable-queues");
  });

  it("walks the steps with nextStep", () => {
    const plan = planUpgrade({ tool: "kolla-ansible", from: "2024.1", to: "2025.1" });
    const all = planToJournalPhases(plan).flatMap((p) => p.steps.map((s) => s.id));
    expect(nextStep(plan, [])?.id).toBe(all[0]);
    expect(nextStep(plan, all.slice(0, 3))?.id).toBe(all[3]);
    expect(nextStep(plan, all)).toBeNull();
  });

  it("renders text and Markdown with every step id", () => {
    const plan = planUpgrade({ tool: "kayobe", from: "zed", to: "2024.1" });
    const text = renderPlanText(plan);
    const md = renderPlanMarkdown(plan);
    for (const p of planToJournalPhases(plan))
      for (const s of p.steps) {
        expect(text).toContain(s.id);
        expect(md).toContain(`\`${s.id}\``);
      }
    expect(md).toContain("](glossary.md#slurp)");
  });
});

describe("tool limits", () => {
  it("goes series by series when a tool does not support SLURP, and says so", () => {
    const facts = releases();
    const noSlurp = {
      ...facts,
      tools: {
        ...facts.tools,
        kayobe: { ...facts.tools.kayobe, slurp: { ...facts.tools.kayobe.slurp, supported: false } },
      },
    };
    const plan = planUpgrade({ tool: "kayobe", from: "2023.1", to: "2024.1", facts: noSlurp });
    expect(plan.hops.map((h) => h.to.id)).toEqual(["2023.2", "2024.1"]);
    expect(plan.notes.join(" ")).toMatch(/kayobe does not support SLURP/);
  });

  it("plans victoria to antelope one series at a time", () => {
    expect(hopsOf("kolla-ansible", "victoria", "antelope")).toEqual([
      "2020.2>2021.1",
      "2021.1>2021.2",
      "2021.2>2022.1",
      "2022.1>2022.2",
      "2022.2>2023.1",
    ]);
  });

  it("says when host platform facts were not collected instead of guessing", () => {
    const facts = releases();
    const bare = { ...facts, platforms: { ...facts.platforms, "openstack-ansible": {} } };
    const c =
      planUpgrade({ tool: "openstack-ansible", from: "2024.1", to: "2025.1", facts: bare }).hops[0]
        ?.constraints ?? [];
    expect(c.find((x) => x.id === "2025.1-platform-unknown")?.text).toMatch(/has not collected/);
    expect(c.some((x) => x.kind === "python" || x.kind === "ansible-core")).toBe(false);
  });
});
