import { describe, expect, it } from "vitest";
import { journalSlug, uniqueSlugs } from "./slug.js";

describe("journalSlug", () => {
  it("makes a lowercase file-safe name from the title", () => {
    expect(journalSlug("Kolla upgrade: 2024.1 → 2025.1 (Café)", "01J")).toBe(
      "kolla-upgrade-2024-1-2025-1-cafe",
    );
  });

  it("never yields path separators or dots, even from hostile titles", () => {
    const slug = journalSlug("../../etc/passwd", "01J");
    expect(slug).toBe("etc-passwd");
    expect(journalSlug("../..", "01JABCDEFG")).toBe("journal-jabcdefg");
  });
});

describe("uniqueSlugs", () => {
  it("gives journals with the same title distinct slugs from their ids", () => {
    const slugs = uniqueSlugs([
      { id: "01AAAAAAAAAA", title: "Upgrade" },
      { id: "01BBBBBBBBBB", title: "Upgrade" },
    ]);
    expect([...slugs.values()]).toEqual(["upgrade", "upgrade-bbbbbbbb"]);
  });
});
