import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RenoVersion, renoDump, requireReno } from "../../../test/fixtures/notes/reno-ref.js";
import { buildScenario, FILES } from "../../../test/fixtures/notes/scenario.js";
import { renderNotesMarkdown, type ScanResult, scanNotes } from "./index.js";

let repo: string;

beforeAll(() => {
  requireReno();
  repo = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-notes-"));
  buildScenario(repo);
});

afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

// Both sides as [{version, notes: [{file, sections}]}], invalid notes left out.
function fromReno(dump: RenoVersion[]) {
  return dump
    .map((v) => ({
      version: v.version,
      notes: v.notes.filter((n) => !n.invalid).map((n) => ({ file: n.file, sections: n.sections })),
    }))
    .filter((v) => v.notes.length);
}

function fromUs(result: ScanResult) {
  return result.releases.map((r) => ({
    version: r.version,
    notes: r.notes.map((n) => ({ file: n.file, sections: n.sections })),
  }));
}

describe("scanNotes against reno", () => {
  it.each([
    ["the current branch", {}, {}],
    [
      "the whole history with an earliest version",
      { earliestVersion: "0.1.0" },
      { earliest_version: "0.1.0" },
    ],
    ["a stable branch", { branch: "stable/2.0" }, { branch: "stable/2.0" }],
    [
      "a stable branch down to a given version",
      { branch: "stable/2.0", earliestVersion: "1.0.0" },
      { branch: "stable/2.0", earliest_version: "1.0.0" },
    ],
  ])(
    "files the same notes with the same sections under the same versions on %s",
    async (_, ours, theirs) => {
      const want = fromReno(renoDump(repo, theirs));
      expect(want.length).toBeGreaterThan(0);
      expect(fromUs(await scanNotes({ repo, ...ours }))).toEqual(want);
    },
  );
});

describe("scanNotes semantics", () => {
  const full = () => scanNotes({ repo, earliestVersion: "0.1.0" });
  const find = (r: ScanResult, file: string) =>
    r.releases.flatMap((v) => v.notes).find((n) => n.file === file);

  it("keeps an edited note in its first release with its newest text", async () => {
    const note = find(await full(), FILES.upgrade);
    expect(note?.release).toBe("1.0.0");
    expect(note?.sections.upgrade).toEqual(["Run the DB migration first (edited)."]);
  });

  it("keeps a moved note's id and release under its new name", async () => {
    const note = find(await full(), FILES.moved);
    expect(note).toMatchObject({ id: "1111aaaa2222bbbb", release: "0.1.0" });
    expect(find(await full(), FILES.first)).toBeUndefined();
  });

  it("drops deleted notes and folds release candidates into the final release", async () => {
    const r = await full();
    expect(find(r, FILES.gone)).toBeUndefined();
    expect(r.releases.map((v) => v.version)).not.toContain("1.0.0.0rc1");
  });

  it("files untagged notes under the last tag plus the commit count", async () => {
    expect(find(await full(), FILES.unreleased)?.release).toBe("3.0.0.0rc1-1");
    expect(find(await scanNotes({ repo, branch: "stable/2.0" }), FILES.stableOnly)?.release).toBe(
      "2.0.0-1",
    );
  });

  it("warns about an invalid note by name instead of failing", async () => {
    const r = await full();
    expect(find(r, FILES.invalid)).toBeUndefined();
    expect(r.warnings.some((w) => w.includes(FILES.invalid))).toBe(true);
    const reno = renoDump(repo, { earliest_version: "0.1.0" }).flatMap((v) =>
      v.notes.filter((n) => n.invalid).map((n) => n.file),
    );
    expect(reno).toEqual([FILES.invalid]);
  });

  it("selects versions after `from` up to and including `to`", async () => {
    const all = fromReno(renoDump(repo, { earliest_version: "0.1.0" }));
    const names = all.map((v) => v.version);
    const want = all.slice(names.indexOf("2.0.0.0rc1"), names.indexOf("0.1.0"));
    expect(
      fromUs(await scanNotes({ repo, earliestVersion: "0.1.0", from: "0.1.0", to: "2.0.0.0rc1" })),
    ).toEqual(want);
    expect(want.length).toBeGreaterThan(1);
  });

  it("rejects a range bound that is not a tag of the branch", async () => {
    await expect(scanNotes({ repo, from: "9.9.9" })).rejects.toThrow(/9\.9\.9/);
  });
});

describe("renderNotesMarkdown", () => {
  it("writes versions, sections in reno's order and multi-line entries as list items", async () => {
    const md = renderNotesMarkdown(await scanNotes({ repo, earliestVersion: "0.1.0" }));
    expect(md).toContain(
      "## 1.0.0\n\n### Upgrade Notes\n\n- Run the DB migration first (edited).\n\n### Critical Issues",
    );
    expect(md).toContain("- Second entry\n  on two lines.");
    expect(md).toContain(
      "## 0.1.0\n\n### Prelude\n\nThe first release, reworded.\n\n### New Features",
    );
  });

  it("keeps only the sections asked for", async () => {
    const md = renderNotesMarkdown(await scanNotes({ repo, earliestVersion: "0.1.0" }), {
      sections: ["upgrade"],
    });
    expect(md).toContain("### Upgrade Notes");
    expect(md).not.toContain("### Bug Fixes");
    expect(md).not.toContain("## 2.0.0.0rc1");
  });
});
