import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { endpointRoot, parseVersionDocument } from "./versions.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const docs = JSON.parse(
  readFileSync(path.join(here, "../../test/fixtures/cloud/versions.json"), "utf8"),
) as Record<string, unknown>;

describe("parseVersionDocument", () => {
  it("reads a compute root with its microversion range, empty strings as none", () => {
    expect(parseVersionDocument(docs["compute-root"], "https://nova.example:8774/")).toEqual([
      {
        id: "v2.0",
        status: "SUPPORTED",
        minVersion: null,
        maxVersion: null,
        url: "https://nova.example:8774/v2/",
      },
      {
        id: "v2.1",
        status: "CURRENT",
        minVersion: "2.1",
        maxVersion: "2.93",
        url: "https://nova.example:8774/v2.1/",
      },
    ]);
  });

  it("reads a single version from a versioned endpoint", () => {
    expect(
      parseVersionDocument(docs["compute-versioned"], "x")?.map((v) => [
        v.id,
        v.minVersion,
        v.maxVersion,
      ]),
    ).toEqual([["v2.1", "2.1", "2.93"]]);
  });

  it("reads volume and bare-metal roots the same way", () => {
    expect(parseVersionDocument(docs["volume-root"], "x")?.[0]?.maxVersion).toBe("3.70");
    expect(parseVersionDocument(docs["baremetal-root"], "x")?.[0]).toMatchObject({
      id: "v1",
      minVersion: "1.1",
      maxVersion: "1.81",
    });
  });

  it("takes placement's max_version and falls back to the fetched URL for an empty self link", () => {
    expect(parseVersionDocument(docs["placement-root"], "https://placement.example/")).toEqual([
      {
        id: "v1.0",
        status: "CURRENT",
        minVersion: "1.0",
        maxVersion: "1.39",
        url: "https://placement.example/",
      },
    ]);
  });

  it("reads Keystone's versions.values list and a version without microversions", () => {
    expect(parseVersionDocument(docs["identity-root"], "x")?.[0]).toMatchObject({
      id: "v3.14",
      status: "stable",
      maxVersion: null,
    });
    expect(parseVersionDocument(docs["network-root"], "x")?.[0]).toMatchObject({
      id: "v2.0",
      minVersion: null,
    });
  });

  it("returns null for bodies that are not version documents", () => {
    expect(parseVersionDocument({ error: { code: 404 } }, "x")).toBeNull();
    expect(parseVersionDocument("nope", "x")).toBeNull();
    expect(parseVersionDocument({ versions: [] }, "x")).toBeNull();
  });
});

describe("endpointRoot", () => {
  it("cuts the path at the first version segment", () => {
    expect(endpointRoot("https://nova.example:8774/v2.1/3f2a")).toBe("https://nova.example:8774/");
    expect(endpointRoot("https://lb.example/volume/v3/abc")).toBe("https://lb.example/volume/");
    expect(endpointRoot("http://127.0.0.1:5000/v3")).toBe("http://127.0.0.1:5000/");
    expect(endpointRoot("https://neutron.example:9696")).toBe("https://neutron.example:9696/");
  });
});
