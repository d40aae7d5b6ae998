import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeDirs } from "./make-dirs.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "make-dirs-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("makeDirs", () => {
  it("makes the missing folders with the mode asked for, and is happy when they exist", () => {
    const deep = path.join(dir, "a", "b", "c");
    makeDirs(deep, 0o700);
    makeDirs(deep, 0o700);
    for (const d of ["a", "a/b", "a/b/c"])
      expect(statSync(path.join(dir, d)).mode & 0o777).toBe(0o700 & ~process.umask());
  });

  it("fails at once where mkdir keeps answering ENOENT (under /proc), instead of looping", () => {
    const t0 = Date.now();
    expect(() => makeDirs("/proc/stacklog-no-such/x", 0o700)).toThrow(/ENOENT/);
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it("fails when a file stands where a folder must be", () => {
    writeFileSync(path.join(dir, "file"), "");
    expect(() => makeDirs(path.join(dir, "file", "x"))).toThrow(/ENOTDIR|EEXIST/);
  });
});
