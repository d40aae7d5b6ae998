import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { validateSchema } from "../../src/journal/schema-lite.js";
import { ROOT, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

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
      constraints: { id: string; severity: string; text: string; source: { url: string } }[];
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

  it("prints each tool's host OS, Python and Ansible per series with their sources", () => {
    const out = stacklog(sb, ["releases"]).stdout;
    expect(out).toMatch(
      /^ {2}wallaby +2021\.1 +3\.6 +Ansible 2\.9 to 2\.10 \(ansible<3\.0\) +centos-stream-8 /m,
    );
    const osa = out.slice(out.indexOf("\nopenstack-ansible\n"));
    expect(osa).toMatch(
      /^ {2}gazpacho +2026\.1 +3\.11 +ansible-core 2\.19 \(ansible-core==2\.19\.6\)/m,
    );
    expect(osa).toMatch(/^ {4}os, python: openstack-ansible deploy guide .*<https:\/\//m);
  });

  it.each([
    ["openstack-ansible", "yoga", "zed", "2022.2", ["host-os", "python", "ansible-core"]],
    ["kolla-ansible", "victoria", "wallaby", "2021.1", ["host-os", "ansible"]],
  ])(
    "shows %s %s → %s host OS, Python and Ansible changes with sources",
    (tool, from, to, id, changed) => {
      const r = stacklogJson<PlanJson>(sb, ["plan", "--tool", tool, "--from", from, "--to", to]);
      const cs = r.plan.hops[0]?.constraints ?? [];
      for (const kind of changed) {
        const c = cs.find((x) => x.id === `${id}-${kind}`);
        expect(c?.severity, `${id}-${kind}`).toBe("required");
        expect(c?.source.url).toMatch(/^https:\/\//);
      }
      const text = stacklog(sb, ["plan", "--tool", tool, "--from", from, "--to", to]).stdout;
      const hostLine = text.split("\n").find((l) => l.includes(`] ${id} supports these hosts:`));
      expect(hostLine).toMatch(/^ {2}\[required\] .* Dropped since /);
    },
  );
});

describe("a journal that follows a plan", () => {
  it("starts planned, shows the next step with its why, and keeps plan versus actual", () => {
    const started = stacklogJson<{ journal: { id: string } }>(sb, [
      "plan",
      "--tool",
      "kolla-ansible",
      "--from",
      "zed",
      "--to",
      "2023.1",
      "--start",
    ]);
    type Status = {
      journal: { status: string };
      plan: {
        next: { id: string; why: string };
        done: string[];
        skipped: string[];
        repeated: string[];
        added: number;
        total: number;
      };
    };
    const first = stacklogJson<Status>(sb, ["status"]);
    expect(first.journal.status).toBe("planned");
    expect(stacklog(sb, ["status"]).stdout).toMatch(/status: +planned, not started yet \(created /);
    expect(first.plan.next.id).toBe("ka-2023.1-read-notes");
    expect(first.plan.next.why.length).toBeGreaterThan(20);
    expect(stacklog(sb, ["step", "ka-2023.1-read-notes"]).status).toBe(0);
    expect(stacklog(sb, ["step", "ka-2023.1-pull-images", "--skip", "pre-pulled"]).status).toBe(0);
    stacklog(sb, ["run", "--step", "ka-2023.1-backup-config", "--", "false"]);
    stacklog(sb, ["run", "--step", "ka-2023.1-backup-config", "--", "true"]);
    stacklog(sb, ["run", "--", "uptime"]);
    const after = stacklogJson<Status>(sb, ["status"]);
    expect(after.journal.status).toBe("in-progress");
    expect(after.plan.done.sort()).toEqual(["ka-2023.1-backup-config", "ka-2023.1-read-notes"]);
    expect(after.plan.skipped).toEqual(["ka-2023.1-pull-images"]);
    expect(after.plan.repeated).toEqual(["ka-2023.1-backup-config"]);
    expect(after.plan.added).toBe(1);
    expect(after.plan.next.id).toBe("ka-2023.1-backup-database");
    const bad = stacklog(sb, ["step", "no-such-step"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("no-such-step");
    expect(started.journal.id).toBeTruthy();
  });

  it("says a journal without a plan has no steps", () => {
    stacklog(sb, ["start", "--title", "no plan"]);
    const r = stacklog(sb, ["step", "ka-2023.1-backup-config"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("This journal follows no plan");
  });

  it("exports and imports with its plan and steps, exactly", () => {
    stacklog(sb, ["plan", "--tool", "kolla-ansible", "--from", "zed", "--to", "2024.1", "--start"]);
    stacklog(sb, ["step", "ka-2023.1-read-notes", "-m", "read twice"]);
    stacklog(sb, ["step", "ka-2023.1-pull-images", "--skip", "pre-pulled"]);
    stacklog(sb, ["run", "--step", "ka-2023.1-backup-config", "--", "true"]);
    const exported = stacklog(sb, ["export"]);
    expect(exported.status).toBe(0);
    const doc = JSON.parse(exported.stdout);
    const kinds = doc.events.map((e: { payload: { kind: string } }) => e.payload.kind);
    expect(kinds).toEqual(expect.arrayContaining(["plan", "step", "command"]));
    const schema = JSON.parse(readFileSync(path.join(ROOT, "schema/export.schema.json"), "utf8"));
    expect(validateSchema(schema, doc)).toEqual([]);

    const file = path.join(sb.dir, "planned.json");
    writeFileSync(file, exported.stdout);
    const other = sandbox();
    try {
      const imported = stacklog(other, ["import", file]);
      expect(imported.stderr).not.toContain("error");
      expect(imported.status).toBe(0);
      expect(stacklog(other, ["export"]).stdout).toBe(exported.stdout);
      const status = stacklogJson<{ plan: { done: string[]; skipped: string[] } }>(other, [
        "status",
        "--journal",
        doc.journal.id,
      ]);
      expect(status.plan.done.sort()).toEqual(["ka-2023.1-backup-config", "ka-2023.1-read-notes"]);
      expect(status.plan.skipped).toEqual(["ka-2023.1-pull-images"]);
    } finally {
      other.cleanup();
    }
  });
});
