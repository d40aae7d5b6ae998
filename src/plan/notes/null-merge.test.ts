import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FastRepo, type FileOp } from "../../../test/fixtures/notes/fast-repo.js";
import { type RenoVersion, renoDump, requireReno } from "../../../test/fixtures/notes/reno-ref.js";
import { type ScanResult, scanNotes } from "./index.js";

const note = (slug: string): FileOp => ({
  path: `releasenotes/notes/${slug}.yaml`,
  text: `fixes:\n  - ${slug}\n`,
});

/**
 * master has a note and an rc tag; stable/1 branches there, adds a note and is tagged 1.0.0;
 * master adds a note, then merges stable/1 with `merge` (`ops` applied on master's tree, so
 * no ops gives the tree of the first parent), then adds one more note.
 */
function mergeOfReleaseTag(opts: {
  ops?: FileOp[];
  base?: FileOp[];
  stable?: FileOp[];
  other?: FileOp[];
  tag?: string;
  tagMerge?: string;
}): (r: FastRepo) => void {
  return (r) => {
    r.commit("master", "a", [note("a-0000aaaa1111bbbb"), ...(opts.base ?? [])]);
    r.tag("1.0.0.0rc1", r.tip("master"));
    const stable = [note("s-2222cccc3333dddd"), ...(opts.stable ?? [])];
    r.commit("stable/1", "s1", stable, { from: r.tip("master") });
    r.tag(opts.tag ?? "1.0.0", r.tip("stable/1"));
    if (opts.other) r.commit("other", "o1", opts.other, { from: r.tip("master") });
    r.commit("master", "m1", [note("m-4444eeee5555ffff")]);
    const merge = [r.tip("stable/1"), ...(opts.other ? [r.tip("other")] : [])];
    r.commit("master", "Merge tag", opts.ops ?? [], { merge });
    if (opts.tagMerge) r.tag(opts.tagMerge, r.tip("master"));
    r.commit("master", "m2", [note("m2-6666aaaa7777bbbb")]);
  };
}

const dirs: string[] = [];
beforeAll(() => requireReno());
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function repoOf(build: (r: FastRepo) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-notes-null-"));
  dirs.push(dir);
  const r = new FastRepo();
  build(r);
  r.write(dir);
  return dir;
}

const fromReno = (dump: RenoVersion[]) =>
  dump
    .map((v) => ({ version: v.version, notes: v.notes.map((n) => n.file.split("/").pop()) }))
    .filter((v) => v.notes.length);
const fromUs = (r: ScanResult) =>
  r.releases.map((v) => ({
    version: v.version,
    notes: v.notes.map((n) => n.file.split("/").pop()),
  }));

// The three walks reno makes: current branch, all history, a named branch.
const SCANS = [
  ["the current branch", {}, {}],
  ["all history", { earliestVersion: "1.0.0.0rc1" }, { earliest_version: "1.0.0.0rc1" }],
  ["master by name", { branch: "master" }, { branch: "master" }],
] as const;

async function sameAsReno(repo: string) {
  const results = [];
  for (const [what, ours, theirs] of SCANS) {
    const want = fromReno(renoDump(repo, theirs));
    expect(want.length, what).toBeGreaterThan(0);
    expect(fromUs(await scanNotes({ repo, ...ours })), what).toEqual(want);
    results.push(want);
  }
  return results;
}

// Where a note lands in the whole-history scan. Behind a null-merge the walk never enters the
// merged branch, so its note is missing and master's note before the merge stays with the
// unreleased version; through an ordinary merge the branch's 1.0.0 tag comes first.
const where = (versions: { version: string; notes: unknown[] }[], slug: string) =>
  versions.find((v) => v.notes.includes(`${slug}.yaml`))?.version;

function expectNullMerge(all: { version: string; notes: unknown[] }[]): void {
  expect(where(all, "m-4444eeee5555ffff")).toBe("1.0.0.0rc1-3");
  expect(where(all, "s-2222cccc3333dddd")).toBeUndefined();
}

describe("scanNotes and null-merges, against reno", () => {
  it("passes over a merge of a release tag whose tree is its first parent's", async () => {
    expectNullMerge((await sameAsReno(repoOf(mergeOfReleaseTag({}))))[1] ?? []);
  });

  it("passes over a merge of a release tag that keeps every path from one parent or the other", async () => {
    // Its combined diff is empty though it brings the branch's note in: reno skips it whole.
    const repo = repoOf(mergeOfReleaseTag({ ops: [note("s-2222cccc3333dddd")] }));
    expectNullMerge((await sameAsReno(repo))[1] ?? []);
  });

  it("counts a merge that deletes a file both parents hold alike as a null-merge, as reno does", async () => {
    const readme = { path: "README", text: "x\n" };
    const build = mergeOfReleaseTag({ base: [readme], ops: [{ path: "README", delete: true }] });
    expectNullMerge((await sameAsReno(repoOf(build)))[1] ?? []);
  });

  it("counts a merge that deletes a note both parents hold alike as a null-merge", async () => {
    const gone: FileOp = { path: "releasenotes/notes/a-0000aaaa1111bbbb.yaml", delete: true };
    expectNullMerge((await sameAsReno(repoOf(mergeOfReleaseTag({ ops: [gone] }))))[1] ?? []);
  });

  it("passes over an octopus null-merge", async () => {
    const build = mergeOfReleaseTag({ other: [{ path: "OTHER", text: "o\n" }] });
    expectNullMerge((await sameAsReno(repoOf(build)))[1] ?? []);
  });

  it("follows an octopus merge whose other parents disagree on a path it kept from the first", async () => {
    const build = mergeOfReleaseTag({
      base: [{ path: "README", text: "x\n" }],
      stable: [{ path: "README", text: "stable\n" }],
      other: [{ path: "README", delete: true }],
    });
    const all = (await sameAsReno(repoOf(build)))[1] ?? [];
    expect(where(all, "m-4444eeee5555ffff")).toBe("1.0.0");
    expect(where(all, "s-2222cccc3333dddd")).toBe("1.0.0");
  });

  it("follows a merge whose merged side carries no release tag", async () => {
    const all = (await sameAsReno(repoOf(mergeOfReleaseTag({ tag: "one-eol" }))))[1] ?? [];
    expect(where(all, "s-2222cccc3333dddd")).toBe("1.0.0.0rc1-3");
  });

  it("leaves the tag of a null-merge commit itself out of the history", async () => {
    const all = (await sameAsReno(repoOf(mergeOfReleaseTag({ tagMerge: "2.0.0.0b1" }))))[1] ?? [];
    expect(all.map((v) => v.version)).not.toContain("2.0.0.0b1");
  });
});
