import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { InternalError } from "../errors/index.js";
import { defaultDataDir } from "./data-dir.js";
import { releases } from "./release-data.js";
import { PLATFORM_FACTS, type PlanTool } from "./types.js";

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the shipped tables with platforms.yaml edited by `edit`, loaded with releases(). */
function loadEdited(edit: (yaml: string) => string) {
  const dir = mkdtempSync(join(tmpdir(), "stacklog-platforms-"));
  made.push(dir);
  cpSync(defaultDataDir(), dir, { recursive: true });
  const file = join(dir, "platforms.yaml");
  const before = readFileSync(file, "utf8");
  const after = edit(before);
  expect(after, "the edit changed nothing").not.toBe(before);
  writeFileSync(file, after);
  return () => releases({ dataDir: dir });
}

const WALLABY_KA = `    wallaby:
      os: [centos-stream-8, debian-11, rhel-8, ubuntu-20.04]
      python: "3.6"
      ansible: ["2.9", "2.10"]`;

describe("platforms.yaml loader", () => {
  it.each([
    [
      "an unquoted Python version (3.10 reads as 3.1)",
      (y: string) => y.replace('python: "3.10"', "python: 3.10"),
      /dalmatian\.python: expected a quoted Python version/,
    ],
    [
      "an unquoted ansible-core range",
      (y: string) => y.replace('ansible-core: ["2.15", "2.16"]', "ansible-core: [2.15, 2.16]"),
      /caracal\.ansible-core: expected a quoted \[min, max\]/,
    ],
    [
      "a range whose min is above its max",
      (y: string) => y.replace('ansible-core: ["2.15", "2.16"]', 'ansible-core: ["2.16", "2.15"]'),
      /caracal\.ansible-core: expected a quoted \[min, max\]/,
    ],
    [
      "ansible-core for a range that starts before ansible-core existed",
      (y: string) => y.replace('ansible: ["2.9", "2.10"]', 'ansible-core: ["2.9", "2.10"]'),
      /wallaby\.ansible-core: expected ansible for ranges starting before 2\.11/,
    ],
    [
      "ansible for an ansible-core range",
      (y: string) => y.replace('ansible-core: ["2.19", "2.20"]', 'ansible: ["2.19", "2.20"]'),
      /gazpacho\.ansible: expected ansible-core for ranges from 2\.11 on/,
    ],
    [
      "both ansible and ansible-core",
      (y: string) => y.replace(WALLABY_KA, `${WALLABY_KA}\n      ansible-core: ["2.11", "2.11"]`),
      /wallaby: expected either ansible-core or ansible, not both/,
    ],
    [
      "an entry that leaves the Ansible range out instead of writing null",
      (y: string) =>
        y.replace('      ansible: ["2.9", "2.10"]\n      install: "ansible<3.0"\n', ""),
      /wallaby\.ansible-core: expected a range or null/,
    ],
    [
      "an install line that is not a pip requirement on Ansible",
      (y: string) => y.replace('install: "ansible<3.0"', 'install: "pip install ansible"'),
      /wallaby\.install: expected a pip requirement/,
    ],
    [
      "a host OS not written <distro>-<version>",
      (y: string) => y.replace("ubuntu-26.04]", "Ubuntu 26.04]"),
      /gazpacho\.os: expected a list like/,
    ],
    [
      "a misspelt series",
      (y: string) =>
        y.replace(
          "    dalmatian:\n      os: [centos-stream-9, debian-12, rocky-9, ubuntu-22.04, ubuntu-24.04]",
          "    dalmation:\n      os: [centos-stream-9, debian-12, rocky-9, ubuntu-22.04, ubuntu-24.04]",
        ),
      /openstack-ansible\.series\.dalmation: expected a series tools\.yaml gives openstack-ansible a version for/,
    ],
    [
      "an unknown key in an entry",
      (y: string) =>
        y.replace(
          '      python: "3.11"\n      ansible-core: ["2.19", "2.20"]',
          '      python: "3.11"\n      pyhton: "3.12"\n      ansible-core: ["2.19", "2.20"]',
        ),
      /gazpacho\.pyhton: expected one of the keys/,
    ],
    [
      "a citation of a source that is not listed",
      (y: string) => y.replace("cite: { ansible: ka-check }", "cite: { ansible: ka-chek }"),
      /victoria\.cite\.ansible: expected a name listed under sources/,
    ],
    [
      "a fact with no source",
      (y: string) =>
        y.replace(
          "cite: { os: osa-guide, python: osa-guide, ansible: osa-bootstrap, install: osa-bootstrap }",
          "cite: { os: osa-guide, ansible: osa-bootstrap, install: osa-bootstrap }",
        ),
      /openstack-ansible\.series\.victoria\.cite\.python: expected a source for this fact/,
    ],
    [
      "a source without an https URL",
      (y: string) =>
        y.replace('url: "https://opendev.org/openstack/kolla-ansible",', 'url: "opendev.org",'),
      /sources\.ka-conf: expected \{ title/,
    ],
  ])("refuses %s, naming where and what it expected", (_what, edit, message) => {
    const load = loadEdited(edit);
    expect(load).toThrow(InternalError);
    expect(load).toThrow(message);
  });

  it("reads null as not collected", () => {
    const facts = loadEdited((y) =>
      y.replace('ansible-core: ["2.19", "2.20"]', "ansible-core: null"),
    )();
    expect(facts.platforms["kolla-ansible"].gazpacho?.ansible).toBeNull();
    expect(facts.platforms["kolla-ansible"].gazpacho?.sources.ansible).toBeUndefined();
  });
});

describe("the shipped platform tables", () => {
  const facts = releases();
  const released = (tool: PlanTool) =>
    facts.series.filter((s) => facts.tools[tool].versions[s.name] !== undefined);

  it.each(["kolla-ansible", "kayobe", "openstack-ansible"] as const)(
    "%s has host OS, Python and Ansible, each cited, for every series it released",
    (tool) => {
      for (const s of released(tool)) {
        const p = facts.platforms[tool][s.name];
        expect(p, `${tool} ${s.name}`).toBeDefined();
        expect(p?.os?.length, `${tool} ${s.name} os`).toBeGreaterThan(0);
        expect(p?.python, `${tool} ${s.name} python`).toMatch(/^3\.\d+$/);
        expect(p?.ansible, `${tool} ${s.name} ansible`).not.toBeNull();
        for (const fact of PLATFORM_FACTS.filter((f) => f !== "install" || p?.ansible?.install))
          expect(p?.sources[fact]?.[0]?.url, `${tool} ${s.name} ${fact}`).toMatch(/^https:\/\//);
      }
    },
  );

  it.each([
    ["kolla-ansible", "victoria", "ansible", "2.9", "2.9", "ansible<2.10"],
    ["kolla-ansible", "wallaby", "ansible", "2.9", "2.10", "ansible<3.0"],
    ["kolla-ansible", "xena", "ansible", "2.10", "2.11", "ansible<5.0"],
    ["kolla-ansible", "yoga", "ansible-core", "2.11", "2.12", "ansible>=4,<6"],
    ["kolla-ansible", "zed", "ansible-core", "2.12", "2.13", null],
    ["openstack-ansible", "victoria", "ansible", "2.10", "2.10", "ansible-base==2.10.4"],
    ["openstack-ansible", "xena", "ansible-core", "2.11", "2.11", "ansible-core==2.11.6"],
    ["openstack-ansible", "gazpacho", "ansible-core", "2.19", "2.19", "ansible-core==2.19.6"],
  ] as const)(
    "%s %s runs with %s %s to %s, installed as %s",
    (tool, series, name, min, max, install) => {
      expect(facts.platforms[tool][series]?.ansible).toEqual({ name, min, max, install });
    },
  );

  it("cites the release's own Ansible check for kolla-ansible before conf.py had the range", () => {
    const ka = facts.platforms["kolla-ansible"];
    expect(ka.xena?.sources.ansible?.[0]?.title).toMatch(/tools\/kolla-ansible ANSIBLE_VERSION/);
    expect(ka.caracal?.sources.ansible?.[0]?.title).toMatch(/conf\.py ANSIBLE_CORE_VERSION/);
    expect(ka.xena?.sources.install?.[0]?.title).toMatch(/quickstart\.rst/);
  });
});
