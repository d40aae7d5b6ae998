import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FastRepo } from "../../../test/fixtures/notes/fast-repo.js";
import { type RenoVersion, renoDump, requireReno } from "../../../test/fixtures/notes/reno-ref.js";
import { buildScenario } from "../../../test/fixtures/notes/scenario.js";
import { type ScanResult, scanNotes } from "./index.js";

const note = (slug: string, text: string) => ({
  path: `releasenotes/notes/${slug}.yaml`,
  text: `fixes:\n  - ${text}\n`,
});

// Master null-merges the stable branch's final tag, so the stop point of a current-branch scan
// is a commit the walk skips: the walk must go on below it, as reno's does.
function buildNullMerge(dir: string): void {
  const r = new FastRepo();
  r.commit("master", "old", [note("old-fix-0000aaaa1111bbbb", "An old fix.")]);
  r.tag("0.9.0", r.tip("master"));
  r.commit("master", "rc", [note("rc-fix-2222cccc3333dddd", "A fix in the rc.")]);
  r.tag("1.0.0.0rc1", r.tip("master"));
  r.commit("stable/1.0", "backport", [note("stable-fix-4444eeee5555ffff", "Backported.")], {
    from: r.tip("master"),
  });
  r.tag("1.0.0", r.tip("stable/1.0"));
  r.commit("master", "Merge tag 1.0.0", [], { merge: [r.tip("stable/1.0")] });
  r.commit("master", "new", [note("new-fix-6666aaaa7777bbbb", "A new fix.")]);
  r.write(dir);
}

const fromReno = (dump: RenoVersion[]) =>
  dump
    .map((v) => ({ version: v.version, notes: v.notes.map((n) => [n.file, n.sections]) }))
    .filter((v) => v.notes.length);
const fromUs = (r: ScanResult) =>
  r.releases.map((v) => ({ version: v.version, notes: v.notes.map((n) => [n.file, n.sections]) }));

const dirs: string[] = [];
const tempRepo = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-notes-range-"));
  dirs.push(dir);
  return dir;
};

beforeAll(() => requireReno());
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("scanNotes over part of the history", () => {
  it("reads on below a stop point that a null-merge hides, filing those notes as reno does", async () => {
    const repo = tempRepo();
    buildNullMerge(repo);
    const where = (dump: { version: string; notes: unknown[][] }[], id: string) =>
      dump.find((v) => v.notes.some(([file]) => String(file).includes(id)))?.version;
    const ours = fromUs(await scanNotes({ repo }));
    const reno = fromReno(renoDump(repo));
    // The rc note sits below the stop point, in commits only a full read covers.
    for (const id of ["2222cccc3333dddd", "6666aaaa7777bbbb"]) {
      expect(where(ours, id), id).toBeDefined();
      expect(where(ours, id), id).toBe(where(reno, id));
    }
  });

  it("scans from the checked-out commit when HEAD is detached", async () => {
    const repo = tempRepo();
    buildScenario(repo);
    execFileSync("git", ["-C", repo, "checkout", "-q", "--detach", "stable/2.0"]);
    const want = fromReno(renoDump(repo));
    expect(want.map((v) => v.version)).toContain("2.0.0-1");
    expect(fromUs(await scanNotes({ repo }))).toEqual(want);
  });
});
