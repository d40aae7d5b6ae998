import { describe, expect, it } from "vitest";
import { planUpgrade } from "./plan-upgrade.js";
import { releases } from "./release-data.js";
import { renderPlanMarkdown, renderPlanText } from "./render-plan.js";
import { renderPlatformsText } from "./render-platforms.js";
import type { Constraint, DeploymentFacts } from "./types.js";

function hop(tool: string, from: string, to: string, config?: DeploymentFacts) {
  const plan = planUpgrade({ tool, from, to, ...(config ? { config } : {}) });
  expect(plan.hops).toHaveLength(1);
  return plan.hops[0] as NonNullable<(typeof plan.hops)[0]>;
}

function constraint(tool: string, from: string, to: string, id: string): Constraint {
  const c = hop(tool, from, to).constraints.find((x) => x.id === id);
  if (!c) throw new Error(`${tool} ${from} → ${to} has no constraint ${id}`);
  return c;
}

describe("host OS per hop", () => {
  it.each([
    // OSA Yoga drops CentOS Linux 8, Debian 10 and Ubuntu 18.04.
    [
      "openstack-ansible",
      "xena",
      "yoga",
      "required",
      /Dropped since 2021\.2: centos-8, debian-10, ubuntu-18\.04; move those hosts to one both series support \(centos-stream-8, debian-11, ubuntu-20\.04\)/,
    ],
    [
      "openstack-ansible",
      "yoga",
      "zed",
      "required",
      /Dropped since 2022\.1: centos-stream-8, rocky-8;/,
    ],
    ["openstack-ansible", "yoga", "zed", "required", /both series support \(.*rocky-9.*\)/],
    ["openstack-ansible", "wallaby", "xena", "advice", /^2021\.2 supports these hosts: centos-8,/],
    [
      "openstack-ansible",
      "2025.1",
      "2026.1",
      "required",
      /Dropped since 2025\.1: centos-stream-9, rocky-9, ubuntu-22\.04;/,
    ],
    [
      "kolla-ansible",
      "victoria",
      "wallaby",
      "required",
      /Dropped since 2020\.2: centos-8, debian-10;/,
    ],
    ["kolla-ansible", "wallaby", "xena", "advice", /Later 2021\.2 point releases add rocky-8\./],
  ] as const)("%s %s → %s is %s: %s", (tool, from, to, severity, text) => {
    const c = constraint(tool, from, to, `${hop(tool, from, to).to.id}-host-os`);
    expect(c.severity).toBe(severity);
    expect(c.text).toMatch(text);
  });

  it.each([
    ["openstack-ansible", "xena", "yoga", "ubuntu", "18.04", "blocker"],
    ["openstack-ansible", "xena", "yoga", "ubuntu", "20.04", "required"],
    ["openstack-ansible", "xena", "yoga", "centos", "8", "required"],
    ["openstack-ansible", "wallaby", "xena", "centos", "8", "advice"],
    ["kolla-ansible", "xena", "yoga", "centos", "8", "advice"],
  ])("%s %s → %s with %s %s hosts is %s", (tool, from, to, distro, version, severity) => {
    const config = { baseDistro: distro, baseDistroVersion: version };
    const h = hop(tool, from, to, config);
    expect(h.constraints.find((c) => c.id === `${h.to.id}-host-os`)?.severity).toBe(severity);
  });

  it("does not guess whether CentOS hosts run CentOS Linux or CentOS Stream", () => {
    const h = hop("openstack-ansible", "xena", "yoga", {
      baseDistro: "centos",
      baseDistroVersion: "8",
    });
    expect(h.constraints.find((c) => c.id === "2022.1-host-os")?.text).toContain(
      "This deployment's hosts (centos 8) are supported only if they run centos-stream-8.",
    );
  });

  it("names experimental host OSes apart from supported ones", () => {
    const c = constraint("openstack-ansible", "xena", "yoga", "2022.1-host-os");
    expect(c.text).toContain("Experimental in 2022.1: ubuntu-22.04.");
    expect(c.text).not.toMatch(/supports these hosts: [^.]*ubuntu-22\.04/);
  });
});

describe("Python and Ansible per hop", () => {
  it.each([
    [
      "openstack-ansible",
      "yoga",
      "zed",
      "2022.2-python",
      "required",
      /needs Python 3\.8 or later\. 2022\.1 needed 3\.6/,
    ],
    [
      "openstack-ansible",
      "zed",
      "antelope",
      "2023.1-python",
      "advice",
      /Python 3\.8 or later\. Unchanged from 2022\.2/,
    ],
    [
      "openstack-ansible",
      "2025.1",
      "2026.1",
      "2026.1-python",
      "required",
      /Python 3\.11 or later\. 2025\.1 needed 3\.8/,
    ],
    [
      "kolla-ansible",
      "2023.1",
      "2023.2",
      "2023.2-python",
      "required",
      /Python 3\.8 or later\. 2023\.1 needed 3\.6/,
    ],
    [
      "kolla-ansible",
      "wallaby",
      "xena",
      "2021.2-ansible",
      "required",
      /runs with Ansible 2\.10 to 2\.11\. The range starts before ansible-core existed.* 2021\.1 ran with Ansible 2\.9 to 2\.10.*`ansible<5\.0`/,
    ],
    [
      "kolla-ansible",
      "xena",
      "yoga",
      "2022.1-ansible-core",
      "required",
      /runs with ansible-core 2\.11 to 2\.12\. 2021\.2 ran with Ansible 2\.10 to 2\.11.*`ansible>=4,<6`/,
    ],
    [
      "openstack-ansible",
      "zed",
      "antelope",
      "2023.1-ansible-core",
      "advice",
      /ansible-core 2\.13\. Unchanged.*`ansible-core==2\.13\.8`/,
    ],
    [
      "openstack-ansible",
      "wallaby",
      "xena",
      "2021.2-ansible-core",
      "required",
      /ansible-core 2\.11\. 2021\.1 ran with Ansible 2\.10:/,
    ],
    [
      "openstack-ansible",
      "2024.1",
      "2025.1",
      "2025.1-ansible-core",
      "required",
      /ansible-core 2\.17\. 2024\.1 ran with ansible-core 2\.15/,
    ],
  ] as const)("%s %s → %s: %s is %s", (tool, from, to, id, severity, text) => {
    const c = constraint(tool, from, to, id);
    expect(c.severity).toBe(severity);
    expect(c.text).toMatch(text);
  });

  it("counts a pre-ansible-core range as kind ansible, cited to the release's check and install line", () => {
    const c = constraint("kolla-ansible", "wallaby", "xena", "2021.2-ansible");
    expect(c.kind).toBe("ansible");
    expect(c.source.title).toMatch(/tools\/kolla-ansible ANSIBLE_VERSION_MIN\/MAX/);
    expect(c.seeAlso?.map((s) => s.title)).toEqual([expect.stringMatching(/quickstart\.rst/)]);
  });

  it("cites OpenStack-Ansible's bootstrap script and deploy guide", () => {
    const h = hop("openstack-ansible", "yoga", "zed");
    const by = (id: string) => h.constraints.find((c) => c.id === id)?.source.title;
    expect(by("2022.2-ansible-core")).toMatch(/bootstrap-ansible\.sh/);
    expect(by("2022.2-python")).toMatch(/overview-requirements\.rst/);
    expect(by("2022.2-host-os")).toMatch(/overview-requirements\.rst/);
  });
});

describe("the kolla-ansible install step follows the target's Ansible", () => {
  const commands = (from: string, to: string) =>
    hop("kolla-ansible", from, to)
      .phases.flatMap((p) => p.steps)
      .find((s) => s.id.endsWith("-upgrade-tool"))?.commands ?? [];

  it.each([
    ["victoria", "wallaby", "pip install 'ansible<3.0'", false],
    ["wallaby", "xena", "pip install 'ansible<5.0'", false],
    ["xena", "yoga", "pip install 'ansible>=4,<6'", true],
    ["yoga", "zed", "pip install 'ansible-core>=2.12,<2.14'", true],
    ["zed", "antelope", "pip install 'ansible-core>=2.13,<=2.14.2'", true],
    ["2024.1", "2024.2", "pip install 'ansible-core>=2.16,<2.18'", true],
  ])("%s → %s runs %s (install-deps: %s)", (from, to, pip, deps) => {
    const got = commands(from, to);
    expect(got).toContain(pip);
    expect(got.includes("kolla-ansible install-deps")).toBe(deps);
  });
});

describe("rendering", () => {
  it("prints every source of a constraint under it, in text and Markdown", () => {
    const plan = planUpgrade({ tool: "kolla-ansible", from: "wallaby", to: "xena" });
    const text = renderPlanText(plan);
    expect(text).toMatch(
      /\[required\] 2021\.2 \(kolla-ansible 13\.x\) runs with Ansible 2\.10 to 2\.11.*\n {6}source: kolla-ansible tools\/kolla-ansible .*\n {6}source: kolla-ansible doc\/source\/user\/quickstart\.rst/,
    );
    expect(renderPlanMarkdown(plan)).toMatch(
      /\]\(https:[^)]*tools\/kolla-ansible\); \[kolla-ansible doc/,
    );
  });

  it("lists the platform tables per tool with their sources", () => {
    const text = renderPlatformsText(releases());
    expect(text).toMatch(
      /^ {2}xena +2021\.2 +3\.6 +Ansible 2\.10 to 2\.11 \(ansible<5\.0\) .*\+rocky-8$/m,
    );
    expect(text).toMatch(/^openstack-ansible\n/m);
    expect(text).toMatch(
      /^ {2}yoga .*ansible-core 2\.12 \(ansible-core==2\.12\.6\) .* \+rocky-9 ~ubuntu-22\.04$/m,
    );
    expect(text).toMatch(
      /^ {4}ansible, install: openstack-ansible scripts\/bootstrap-ansible\.sh/m,
    );
  });
});
