import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
});
afterEach(() => sb.cleanup());

interface PlanJson {
  plan: {
    hops: {
      from: { id: string };
      to: { id: string };
      phases: { steps: { id: string; why: string; commands: string[] }[] }[];
    }[];
  };
}

describe("stacklog plan and releases", () => {
  it.each([
    ["kolla-ansible", "zed", "2024.1", ["2022.2→2023.1", "2023.1→2024.1"]],
    ["kolla-ansible", "2024.1", "2025.1", ["2024.1→2025.1"]],
    ["kayobe", "antelope", "caracal", ["2023.1→2024.1"]],
  ])("plans %s from %s to %s in the expected hops", (tool, from, to, hops) => {
    const r = stacklogJson<PlanJson>(sb, ["plan", "--tool", tool, "--from", from, "--to", to]);
    expect(r.plan.hops.map((h) => `${h.from.id}→${h.to.id}`)).toEqual(hops);
    const steps = r.plan.hops.flatMap((h) => h.phases.flatMap((p) => p.steps));
    expect(steps.length).toBeGreaterThan(5);
    for (const s of steps) expect(s.why.length).toBeGreaterThan(10);
  });

  it("refuses a downgrade clearly", () => {
    const r = stacklog(sb, ["plan", "--tool", "kolla-ansible", "--from", "2024.1", "--to", "zed"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^stacklog: /);
    expect(r.stderr.toLowerCase()).toContain("downgrade");
    expect(r.stderr).not.toContain("internal error");
  });

  it("prints the series with their SLURP flag and tool versions", () => {
    const out = stacklog(sb, ["releases"]).stdout;
    expect(out).toMatch(/antelope\s+2023\.1\s+yes/);
    expect(out).toMatch(/zed\s+2022\.2\s+(?!yes)/);
  });
});
