import { describe, expect, it } from "vitest";
import { type CloudSnapshot, diffCloud, renderCloudDiffText } from "./index.js";

function snapshot(over: Partial<CloudSnapshot> = {}): CloudSnapshot {
  return {
    takenAt: 1,
    authUrl: "https://keystone.example:5000/v3",
    region: "RegionOne",
    catalog: [
      {
        type: "compute",
        name: "nova",
        endpoints: [
          { interface: "public", region: "RegionOne", url: "https://nova.example:8774/v2.1" },
        ],
      },
    ],
    versions: {
      compute: [
        {
          id: "v2.1",
          status: "CURRENT",
          minVersion: "2.1",
          maxVersion: "2.93",
          url: "https://nova.example:8774/v2.1/",
        },
      ],
    },
    identity: { projects: 4, users: 9, domains: 2 },
    compute: {
      services: [
        { binary: "nova-compute", host: "cn1", zone: "nova", status: "enabled", state: "up" },
        {
          binary: "nova-scheduler",
          host: "ctl1",
          zone: "internal",
          status: "enabled",
          state: "up",
        },
      ],
      hypervisors: 1,
    },
    baremetal: {
      nodes: [{ provisionState: "active", powerState: "power on", maintenance: false }],
    },
    findings: [],
    ...over,
  };
}

describe("diffCloud", () => {
  it("finds nothing between a snapshot and a later identical one", () => {
    expect(diffCloud(snapshot(), snapshot({ takenAt: 99 }))).toEqual([]);
    expect(renderCloudDiffText([])).toBe("No changes in the cloud's APIs.\n");
  });

  it("reports a raised microversion, a service gone down and a node in maintenance, by section", () => {
    const before = snapshot();
    const after = snapshot({
      versions: {
        compute: [
          {
            id: "v2.1",
            status: "CURRENT",
            minVersion: "2.1",
            maxVersion: "2.95",
            url: "https://nova.example:8774/v2.1/",
          },
        ],
      },
      compute: {
        services: [
          { binary: "nova-compute", host: "cn1", zone: "nova", status: "enabled", state: "down" },
          {
            binary: "nova-scheduler",
            host: "ctl1",
            zone: "internal",
            status: "enabled",
            state: "up",
          },
        ],
        hypervisors: 1,
      },
      baremetal: {
        nodes: [{ provisionState: "active", powerState: "power on", maintenance: true }],
      },
      findings: [
        {
          service: "image",
          url: "https://glance.example:9292",
          problem: "HTTP 503 (service unavailable)",
        },
      ],
    });
    const d = diffCloud(before, after);
    expect(d.map((s) => s.title)).toEqual(["API versions", "Compute", "Bare metal", "Findings"]);
    expect(d[0]?.changes).toEqual([
      {
        path: "versions.compute.v2.1",
        kind: "changed",
        before: { status: "CURRENT", minVersion: "2.1", maxVersion: "2.93" },
        after: { status: "CURRENT", minVersion: "2.1", maxVersion: "2.95" },
      },
    ]);
    expect(d[1]?.changes).toEqual([
      {
        path: "compute.services.nova-compute@cn1",
        kind: "changed",
        before: "enabled/up",
        after: "enabled/down",
      },
    ]);
    expect(d[2]?.changes).toEqual([
      { path: "baremetal.maintenance.true", kind: "added", before: undefined, after: 1 },
    ]);
    const text = renderCloudDiffText(d);
    expect(text).toContain(
      "  ~ versions.compute.v2.1: status=CURRENT minVersion=2.1 maxVersion=2.93 → status=CURRENT minVersion=2.1 maxVersion=2.95\n",
    );
    expect(text).toContain(
      "  + findings.image https://glance.example:9292: HTTP 503 (service unavailable)\n",
    );
  });

  it("shows a removed endpoint and an added service in the catalog", () => {
    const after = snapshot({
      catalog: [
        {
          type: "placement",
          name: "placement",
          endpoints: [{ interface: "public", region: null, url: "https://placement.example" }],
        },
      ],
    });
    const [section] = diffCloud(snapshot(), after);
    expect(section?.title).toBe("Catalog");
    expect(section?.changes.map((c) => `${c.kind} ${c.path}`)).toEqual([
      "removed catalog.compute(nova).RegionOne.public",
      "added catalog.placement(placement).-.public",
    ]);
  });
});
