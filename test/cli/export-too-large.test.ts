import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// A JSON export is read back by `stacklog import` as one string, and V8 holds none over
// 0x1fffffe8 units (512 MiB). A journal that big takes minutes to build, so these tests lower
// the limit with STACKLOG_TEST_MAX_DOCUMENT_BYTES (src/journal/export.ts), which only lowers it.

let sb: Sandbox;
let journalId: string;
let size: number;
let exported: string;
beforeAll(() => {
  sb = sandbox();
  journalId = stacklogJson<{ id: string }>(sb, ["start", "--title", "large ✓ journal"]).id;
  // 1 MiB of output that does not compress, in several chunks: the export is written in pieces
  const noise = path.join(sb.dir, "noise.txt");
  writeFileSync(noise, `${randomBytes(768 * 1024).toString("base64")}\nümlaut\n`);
  expect(stacklog(sb, ["run", "--", "cat", noise]).status).toBe(0);
  expect(stacklog(sb, ["note", "--problem", "galera node 2 did not rejoin"]).status).toBe(0);
  exported = path.join(sb.dir, "whole.json");
  const r = stacklog(sb, ["export", "--out", exported]);
  expect(r.status, r.stderr).toBe(0);
  size = statSync(exported).size;
});
afterAll(() => sb.cleanup());

const limited = (limit: number) => ({ env: { STACKLOG_TEST_MAX_DOCUMENT_BYTES: String(limit) } });
const leftovers = () => readdirSync(sb.dir).filter((f) => f.endsWith(".tmp"));

describe("a journal over the JSON document limit", () => {
  it("is refused with its size and what to do instead, writing no file", () => {
    const out = path.join(sb.dir, "big.json");
    const r = stacklog(sb, ["export", "--out", out], limited(size - 1));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `stacklog: Journal too large for one JSON export: Journal ${journalId} makes a JSON document of ${size} bytes`,
    );
    expect(r.stderr).toContain(`one JSON export holds at most ${size - 1} bytes`);
    expect(r.stderr).toContain(
      `stacklog export --journal ${journalId} --format asciicast --out upgrade.cast`,
    );
    expect(r.stderr).not.toContain("internal error");
    expect(existsSync(out)).toBe(false);
    expect(leftovers()).toEqual([]);
  });

  it("writes nothing to standard output either", () => {
    const r = stacklog(sb, ["export"], limited(size - 1));
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Journal too large for one JSON export");
  });

  it("is exported when it is exactly at the limit", () => {
    const out = path.join(sb.dir, "exact.json");
    const r = stacklog(sb, ["export", "--out", out], limited(size));
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toBe(readFileSync(exported, "utf8"));
  });

  it("can still be exported as a recording", () => {
    const out = path.join(sb.dir, "whole.cast");
    const r = stacklog(sb, ["export", "--format", "asciicast", "--out", out], limited(1000));
    expect(r.status, r.stderr).toBe(0);
    expect(statSync(out).size).toBeGreaterThan(1024 * 1024);
  });

  it("is refused by import over the limit, naming the file and its size", () => {
    const other = sandbox();
    try {
      const r = stacklog(other, ["import", exported], limited(size - 1));
      expect(r.status).toBe(5);
      expect(r.stderr).toContain(
        `stacklog: Import file too large: ${exported} holds ${size} bytes (${(size / 2 ** 20).toFixed(1)} MiB); \`stacklog import\` reads a file as one text of at most ${size - 1} bytes`,
      );
      expect(r.stderr).toContain("Nothing was written; the store is unchanged.");
      expect(stacklogJson<{ journals: unknown[] }>(other, ["list"]).journals).toEqual([]);
    } finally {
      other.cleanup();
    }
  });

  it("round-trips byte for byte below the limit: export, import elsewhere, export again", () => {
    const other = sandbox();
    try {
      const imported = stacklog(other, ["import", exported], limited(size));
      expect(imported.status, imported.stderr).toBe(0);
      const again = path.join(other.dir, "again.json");
      expect(stacklog(other, ["export", "--out", again]).status).toBe(0);
      expect(readFileSync(again, "utf8")).toBe(readFileSync(exported, "utf8"));
    } finally {
      other.cleanup();
    }
  });
});
