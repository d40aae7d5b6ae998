import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { StacklogError } from "../errors/index.js";
import { defaultDataDir } from "./data-dir.js";
import { refreshFromReleasesRepo } from "./refresh.js";
import { releases } from "./release-data.js";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), "stacklog-releases-"));
  made.push(d);
  return d;
}

// The layout of openstack/releases, written as upstream writes it (slurp: yes, unquoted ids and dates).
function fakeReleasesRepo(): string {
  const repo = tmp();
  mkdirSync(join(repo, "data"));
  writeFileSync(
    join(repo, "data", "series_status.yaml"),
    `---
- name: hibiscus
  release-id: 2026.2
  status: development
  initial-release: 2026-09-30
- name: gazpacho
  release-id: 2026.1
  status: maintained
  slurp: yes
  initial-release: 2026-04-01
  next-phase:
    status: unmaintained
    date: 2027-10-27
- name: flamingo
  release-id: 2025.2
  status: maintained
  initial-release: 2025-10-01
- name: zed
  status: unmaintained
  initial-release: 2022-10-05
- name: ussuri
  status: end of life
  initial-release: 2020-05-13
  eol-date: 2022-05-13
`,
  );
  for (const [series, version] of [
    ["hibiscus", "23.0.0"],
    ["gazpacho", "22.1.0"],
  ]) {
    mkdirSync(join(repo, "deliverables", series as string), { recursive: true });
    writeFileSync(
      join(repo, "deliverables", series as string, "kolla-ansible.yaml"),
      `---\nteam: kolla\nreleases:\n  - version: ${series === "gazpacho" ? "22.0.0" : "23.0.0.0rc1"}\n  - version: ${version}\n`,
    );
  }
  return repo;
}

describe("refreshFromReleasesRepo", () => {
  it("reads series_status.yaml with `slurp: yes` as a SLURP flag and keeps series from victoria on", () => {
    const { series, versions } = refreshFromReleasesRepo(fakeReleasesRepo());
    expect(series.map((s) => [s.name, s.id, s.slurp])).toEqual([
      ["zed", "2022.2", false],
      ["flamingo", "2025.2", false],
      ["gazpacho", "2026.1", true],
      ["hibiscus", "2026.2", false],
    ]);
    expect(series[2]?.nextPhase).toEqual({ status: "unmaintained", date: "2027-10-27" });
    expect(series[0]?.idDerived).toBe(true);
    expect(versions["kolla-ansible"]).toEqual({ gazpacho: 22, hibiscus: 23 });
  });

  it("rewrites series.yaml and tools.yaml so releases() reads the new facts", () => {
    const data = tmp();
    cpSync(defaultDataDir(), data, { recursive: true });
    const res = refreshFromReleasesRepo(fakeReleasesRepo(), {
      write: true,
      dataDir: data,
      today: "2026-11-25",
    });
    expect(res.written).toHaveLength(2);
    const facts = releases({ dataDir: data });
    expect(facts.series.map((s) => s.name)).toEqual(["zed", "flamingo", "gazpacho", "hibiscus"]);
    expect(facts.tools["kolla-ansible"].versions.hibiscus).toBe(23);
    expect(facts.tools.kayobe.versions.epoxy).toBe(18);
    expect(readFileSync(join(data, "series.yaml"), "utf8")).toContain("date: 2026-11-25");
  });

  it("refuses a folder that is not an openstack/releases checkout", () => {
    expect(() => refreshFromReleasesRepo(tmp())).toThrow(StacklogError);
  });
});

describe("releases()", () => {
  const facts = releases();

  it("holds every series from victoria to the newest announced, oldest first, each with a date", () => {
    const names = facts.series.map((s) => s.name);
    expect(names[0]).toBe("victoria");
    expect(names.at(-1)).toBe("indri");
    expect(names).toHaveLength(14);
    expect(facts.series.every((s) => s.initialRelease !== null)).toBe(true);
  });

  it("flags exactly the .1 releases from 2023.1 on as SLURP", () => {
    expect(facts.series.filter((s) => s.slurp).map((s) => s.id)).toEqual([
      "2023.1",
      "2024.1",
      "2025.1",
      "2026.1",
      "2027.1",
    ]);
  });

  it("maps each tool's versions one-to-one onto series, naming the source", () => {
    for (const tool of ["kolla-ansible", "kayobe", "openstack-ansible"] as const) {
      const t = facts.tools[tool];
      const majors = facts.series
        .filter((s) => t.versions[s.name] !== undefined)
        .map((s) => t.versions[s.name] as number);
      expect(majors).toEqual([...majors].sort((a, b) => a - b));
      expect(new Set(majors).size).toBe(majors.length);
      expect(t.source.url).toMatch(/^https:\/\//);
    }
    expect(facts.seriesSource.url).toMatch(/series_status\.yaml$/);
  });
});
