import { describe, expect, it } from "vitest";
import { glossary } from "./glossary.js";

describe("glossary", () => {
  it("has unique ids, a few sentences and an https link for every entry", () => {
    const entries = glossary();
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const e of entries) {
      expect(e.text.split(". ").length, e.id).toBeGreaterThanOrEqual(2);
      expect(e.links.length, e.id).toBeGreaterThan(0);
      for (const l of e.links) expect(l.url, e.id).toMatch(/^https:\/\//);
    }
  });

  it("covers the concepts the issue names", () => {
    const ids = glossary().map((e) => e.id);
    for (const id of [
      "kolla",
      "kayobe",
      "ansible-inventory",
      "ansible-tags",
      "galera",
      "rabbitmq",
      "ceph",
      "ironic",
      "slurp",
      "microversions",
      "expand-migrate-contract",
    ])
      expect(ids).toContain(id);
  });
});
