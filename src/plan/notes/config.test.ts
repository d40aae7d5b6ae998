import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FastRepo } from "../../../test/fixtures/notes/fast-repo.js";
import {
  type RenoVersion,
  renoDump,
  renoReport,
  requireReno,
  shapeOfMarkdown,
  shapeOfRst,
} from "../../../test/fixtures/notes/reno-ref.js";
import { renderNotesMarkdown, type ScanOptions, type ScanResult, scanNotes } from "./index.js";

const dirs: string[] = [];
beforeAll(() => requireReno());
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const note = (slug: string, body: string, dir = "releasenotes/notes") => ({
  path: `${dir}/${slug}.yaml`,
  text: body.includes(":") ? body : `fixes:\n  - ${body}\n`,
});

/** Writes the history `build` makes, then the configuration file (reno reads it from the tree). */
function repoWith(build: (r: FastRepo) => void, config: string, file = "reno.yaml"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-notes-config-"));
  dirs.push(dir);
  const r = new FastRepo();
  build(r);
  r.write(dir);
  fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  fs.writeFileSync(path.join(dir, file), config);
  return dir;
}

const fromReno = (dump: RenoVersion[]) =>
  dump
    .map((v) => ({ version: v.version, notes: v.notes.map((n) => [n.file, n.sections]) }))
    .filter((v) => v.notes.length);
const fromUs = (r: ScanResult) =>
  r.releases.map((v) => ({ version: v.version, notes: v.notes.map((n) => [n.file, n.sections]) }));

/** Both sides on the same repository and options; the result must not be empty. */
async function same(repo: string, ours: Omit<ScanOptions, "repo"> = {}, reno = {}) {
  const want = fromReno(renoDump(repo, reno));
  expect(want.length).toBeGreaterThan(0);
  const got = await scanNotes({ repo, ...ours });
  expect(fromUs(got)).toEqual(want);
  return got;
}

// Releases 1.0.0, a 2.0.0 release candidate, 2.0.0 and unreleased work, one note each.
function releases(r: FastRepo, tag = (v: string) => v, dir = "releasenotes/notes"): void {
  r.commit("master", "one", [note("one-1111aaaa1111aaaa", "First.", dir)]);
  r.tag(tag("1.0.0"), r.tip("master"));
  r.commit("master", "two", [note("two-2222bbbb2222bbbb", "Second.", dir)]);
  r.tag(tag("2.0.0.0rc1"), r.tip("master"));
  r.commit("master", "three", [note("three-3333cccc3333cccc", "Third.", dir)]);
  r.tag(tag("2.0.0"), r.tip("master"));
  r.commit("master", "four", [note("four-4444dddd4444dddd", "Fourth.", dir)]);
}

describe("scanNotes with a reno configuration, against reno", () => {
  it("reads notes from the configured notesdir", async () => {
    const repo = repoWith((r) => {
      releases(r, (v) => v, "releasenotes/changes");
      r.commit("master", "decoy", [note("decoy-5555eeee5555eeee", "Not a note here.")]);
    }, "notesdir: changes\n");
    const got = await same(repo, { earliestVersion: "1.0.0" }, { earliest_version: "1.0.0" });
    expect(got.releases.flatMap((v) => v.notes).every((n) => n.file.includes("/changes/"))).toBe(
      true,
    );
  });

  it("reads releasenotes/config.yaml before reno.yaml", async () => {
    const repo = repoWith(
      (r) => releases(r, (v) => v, "releasenotes/changes"),
      "notesdir: changes\n",
      "releasenotes/config.yaml",
    );
    fs.writeFileSync(path.join(repo, "reno.yaml"), "notesdir: elsewhere\n");
    await same(repo);
  });

  it("counts as releases only the tags release_tag_re matches at their start", async () => {
    const repo = repoWith((r) => {
      releases(r, (v) => `rel-${v}`);
      r.tag("5.0.0", r.tip("master"));
    }, "release_tag_re: |\n  rel-[\\d.]+  # our release tags\n  (?:\\.0rc\\d+)?\n");
    const got = await same(
      repo,
      { earliestVersion: "rel-1.0.0" },
      { earliest_version: "rel-1.0.0" },
    );
    expect(got.releases.map((v) => v.version)).toContain("rel-2.0.0");
    expect(got.releases.map((v) => v.version)).not.toContain("5.0.0");
  });

  it("folds the pre-releases pre_release_tag_re finds into their final release", async () => {
    const repo = repoWith(
      (r) => releases(r, (v) => v.replace(".0rc1", "-rc1")),
      "pre_release_tag_re: '(?P<pre_release>-rc\\d+)$'\n",
    );
    const got = await same(repo, { earliestVersion: "1.0.0" }, { earliest_version: "1.0.0" });
    expect(got.releases.map((v) => v.version)).not.toContain("2.0.0-rc1");
  });

  it("keeps pre-releases apart when collapse_pre_releases is off", async () => {
    const repo = repoWith((r) => releases(r), "collapse_pre_releases: no\n");
    const got = await same(repo, { earliestVersion: "1.0.0" }, { earliest_version: "1.0.0" });
    expect(got.releases.map((v) => v.version)).toContain("2.0.0.0rc1");
    await same(repo, { earliestVersion: "2.0.0.0rc1" }, { earliest_version: "2.0.0.0rc1" });
  });

  it("starts the report at the configured earliest_version, unless told otherwise", async () => {
    const repo = repoWith((r) => releases(r), "earliest_version: 2.0.0\n");
    const got = await same(repo);
    expect(got.releases.map((v) => v.version)).toEqual(["2.0.0-1", "2.0.0"]);
    await same(repo, { earliestVersion: "1.0.0" }, { earliest_version: "1.0.0" });
  });

  it("leaves out the notes ignore_notes names, by file name or by id", async () => {
    const repo = repoWith(
      (r) => releases(r),
      "ignore_notes:\n  - two-2222bbbb2222bbbb.yaml\n  - 3333cccc3333cccc\n",
    );
    const got = await same(repo, { earliestVersion: "1.0.0" }, { earliest_version: "1.0.0" });
    const files = got.releases.flatMap((v) => v.notes.map((n) => n.file));
    expect(files.some((f) => f.includes("two-") || f.includes("three-"))).toBe(false);
    expect(files.some((f) => f.includes("one-"))).toBe(true);
  });

  it("scans all history when stop_at_branch_base is off", async () => {
    const build = (r: FastRepo) => {
      releases(r);
      r.tag("3.0.0.0rc1", r.tip("master"));
      r.commit("stable/3.0", "backport", [note("back-6666ffff6666ffff", "Backport.")], {
        from: r.tip("master"),
      });
      r.commit("master", "five", [note("five-7777aaaa7777aaaa", "Fifth.")]);
    };
    const stopping = await same(repoWith(build, "stop_at_branch_base: true\n"));
    const all = await same(repoWith(build, "stop_at_branch_base: false\n"));
    expect(all.releases.length).toBeGreaterThan(stopping.releases.length);
  });

  it("finds series branches by branch_name_re, closed_branch_tag_re and branch_name_prefix", async () => {
    const repo = repoWith((r) => {
      r.commit("master", "one", [note("one-1111aaaa1111aaaa", "First.")]);
      r.tag("1.0.0", r.tip("master"));
      // A closed series: only its end-of-life tag is left.
      r.commit("gone/one", "b1", [note("b1-5555eeee5555eeee", "Old fix.")], {
        from: r.tip("master"),
      });
      r.tag("one-eol", r.tip("gone/one"));
      r.commit("master", "two", [note("two-2222bbbb2222bbbb", "Second.")]);
      r.tag("2.0.0.0rc1", r.tip("master"));
      r.commit("release/two", "fix", [note("fix-8888bbbb8888bbbb", "A fix.")], {
        from: r.tip("master"),
      });
      r.tag("2.0.0", r.tip("release/two"));
      r.commit("master", "three", [note("three-3333cccc3333cccc", "Third.")]);
      r.tag("3.0.0.0rc1", r.tip("master"));
      // Not a closed series for this pattern (by reno's default it would stop the scan here).
      r.tag("zz-eol", r.tip("master"));
      r.commit("master", "four", [note("four-4444dddd4444dddd", "Fourth.")]);
    }, "branch_name_re: release/.+\nclosed_branch_tag_re: ^(o\\w+)-eol$\nbranch_name_prefix: release/\n");
    await same(repo);
    await same(repo, { branch: "release/two" }, { branch: "release/two" });
  });

  it("follows the branch a null-merge brings in when ignore_null_merges is off", async () => {
    const build = (r: FastRepo) => {
      r.commit("master", "a", [note("a-0000aaaa1111bbbb", "A.")]);
      r.tag("1.0.0.0rc1", r.tip("master"));
      r.commit("stable/1", "s", [note("s-2222cccc3333dddd", "S.")], { from: r.tip("master") });
      r.tag("1.0.0", r.tip("stable/1"));
      r.commit("master", "m", [note("m-4444eeee5555ffff", "M.")]);
      r.commit("master", "Merge tag 1.0.0", [], { merge: [r.tip("stable/1")] });
      r.commit("master", "n", [note("n-6666aaaa7777bbbb", "N.")]);
    };
    const skipping = await same(repoWith(build, "ignore_null_merges: true\n"));
    const following = await same(repoWith(build, "ignore_null_merges: false\n"));
    expect(following).not.toEqual(skipping);
  });

  it("lays the report out with the configured sections, prelude name and unreleased title", async () => {
    const repo = repoWith((r) => {
      r.commit("master", "one", [
        note(
          "one-1111aaaa1111aaaa",
          "summary: >\n  The summary.\nfixes:\n  - A fix.\nodd:\n  - Kept out.\n",
        ),
      ]);
      r.tag("1.0.0", r.tip("master"));
      r.commit("master", "two", [
        note(
          "two-2222bbbb2222bbbb",
          "api:\n  - An API change.\nfixes:\n  - |\n    Two\n    lines.\n",
        ),
      ]);
    }, [
      "sections:",
      "  - [api, API Changes]",
      "  - [fixes, Fixed Bugs]",
      "prelude_section_name: summary",
      "unreleased_version_title: Next release",
      "",
    ].join("\n"));
    const result = await scanNotes({ repo, earliestVersion: "1.0.0" });
    const want = shapeOfRst(renoReport(repo, ["--earliest-version", "1.0.0"]));
    expect(want.map((v) => v.version)).toEqual(["Next release", "1.0.0"]);
    expect(shapeOfMarkdown(renderNotesMarkdown(result))).toEqual(want);
  });
});

describe("reno configuration handling", () => {
  const minimal = (r: FastRepo) => releases(r);

  it("names the options it does not follow in one warning, and reads on", async () => {
    const repo = repoWith(
      minimal,
      "default_branch: main\nencoding: latin-1\nfrobnicate: 1\ntemplate: x\nsemver_major: [upgrade]\n",
    );
    const got = await same(repo);
    const about = got.warnings.filter((w) => w.includes("reno.yaml"));
    expect(about).toHaveLength(1);
    for (const name of ["default_branch", "encoding", "frobnicate"])
      expect(about[0]).toContain(name);
    for (const name of ["template", "semver_major"]) expect(about[0]).not.toContain(name);
  });

  it("says nothing of options set to the behaviour stacklog has", async () => {
    const repo = repoWith(
      minimal,
      "default_branch: master\nencoding: utf-8\nadd_release_date: false\n",
    );
    expect((await scanNotes({ repo })).warnings).toEqual([]);
  });

  it("warns about an option of the wrong type and keeps its default", async () => {
    const repo = repoWith(minimal, "notesdir: [a, b]\n");
    const got = await scanNotes({ repo });
    expect(got.warnings.some((w) => w.includes("notesdir must be a string"))).toBe(true);
    expect(got.releases.length).toBeGreaterThan(0);
  });

  it("fails with the file and position when the configuration is not valid YAML", async () => {
    const repo = repoWith(minimal, "notesdir: [unclosed\n");
    await expect(scanNotes({ repo })).rejects.toThrow(/reno\.yaml/);
  });

  it("fails naming the option when a pattern cannot be read", async () => {
    const repo = repoWith(minimal, "release_tag_re: '(?i:v)\\d+'\n");
    await expect(scanNotes({ repo })).rejects.toThrow(/release_tag_re/);
  });
});
