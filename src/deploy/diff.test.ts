import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffConfig, renderDiffText, snapshotConfig } from "./index.js";
import { FIXTURES } from "./test-trees.js";

const zed = snapshotConfig(join(FIXTURES, "kolla-ansible/zed"));
const antelope = snapshotConfig(join(FIXTURES, "kolla-ansible/2023.1"));

describe("diffConfig between a Zed and a 2023.1 kolla tree", () => {
  const diff = diffConfig(zed.snapshot, antelope.snapshot);
  const text = renderDiffText(diff);

  it("shows the release and image tags that changed", () => {
    expect(text).toContain("Release and images");
    expect(text).toContain("~ release: zed → 2023.1");
    expect(text).toContain("~ image tag openstack: zed → 2023.1");
    expect(text).toContain("+ image tag nova: 2023.1-hotfix1");
  });

  it("shows changed variables, services and secret names", () => {
    expect(text).toContain("~ enable_heat: no → yes");
    expect(text).toContain("+ service: heat");
    expect(text).toContain("+ secret: octavia_keystone_password");
  });

  it("shows override options per file and per host", () => {
    expect(text).toContain("~ nova:config/nova.conf [DEFAULT] cpu_allocation_ratio: 4.0 → 8.0");
    expect(text).toContain(
      "~ nova@compute01:config/nova/compute01/nova.conf [DEFAULT] reserved_host_memory_mb: 8192 → 16384",
    );
  });

  it("leaves unchanged parts out and is text for people, not JSON", () => {
    expect(diff.sections.map((s) => s.title)).not.toContain("Hosts and groups");
    expect(text).not.toContain("nova-compute.conf");
    expect(text.trimStart().startsWith("{")).toBe(false);
    expect(text).toMatch(/^Release and images \(3 changes\)$/m);
  });

  it("holds no secret of either tree", () => {
    const all = JSON.stringify(diff) + text;
    for (const s of [...zed.secrets, ...antelope.secrets]) expect(all).not.toContain(s.value);
  });

  it("says so when nothing differs", () => {
    expect(renderDiffText(diffConfig(zed.snapshot, zed.snapshot))).toBe("No differences.\n");
  });

  it("reports hosts that joined and left a group", () => {
    const b = {
      ...zed.snapshot,
      hostsByGroup: { ...zed.snapshot.hostsByGroup, compute: ["compute02", "compute03"] },
    };
    const hosts = diffConfig(zed.snapshot, b).sections.find((s) => s.title === "Hosts and groups");
    expect(hosts?.changes).toEqual([
      { path: "group compute", before: undefined, after: "compute03", kind: "added" },
      { path: "group compute", before: "compute01", after: undefined, kind: "removed" },
    ]);
  });
});
