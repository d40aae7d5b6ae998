import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// `export --out` over one of the store's own files would replace it with the export: the
// store is then gone ("Store corrupt" for every verb). Such an output is refused.

let sb: Sandbox;
let journalId: string;
beforeAll(() => {
  sb = sandbox();
  journalId = stacklogJson<{ id: string }>(sb, ["start", "--title", "export target"]).id;
  expect(stacklog(sb, ["note", "galera healthy"]).status).toBe(0);
  mkdirSync(path.join(sb.home, "spool"), { recursive: true });
  writeFileSync(path.join(sb.home, "notes.txt"), "the operator's own file\n");
  symlinkSync(path.join(sb.home, "stacklog.db"), path.join(sb.dir, "db-link.json"));
  // a link to a file the store does not have yet (the database's rollback journal)
  symlinkSync(path.join(sb.home, "stacklog.db-journal"), path.join(sb.dir, "dangling.json"));
});
afterAll(() => sb.cleanup());

/** The store's files (SQLite's -wal and -shm come and go with connections). */
const storeFiles = () =>
  readdirSync(sb.home, { withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith("-shm") && !e.name.endsWith("-wal"))
    .map((e) => e.name)
    .sort();
const digest = (f: string) =>
  createHash("sha256")
    .update(readFileSync(path.join(sb.home, f)))
    .digest("hex");

describe("export --out inside the store", () => {
  const cases: [string, () => string][] = [
    ["the database", () => path.join(sb.home, "stacklog.db")],
    ["the database, named relatively", () => "store/./stacklog.db"],
    ["the write-ahead log", () => path.join(sb.home, "stacklog.db-wal")],
    ["the shared-memory file", () => path.join(sb.home, "stacklog.db-shm")],
    ["the state file", () => path.join(sb.home, "state.json")],
    ["a link to the database", () => path.join(sb.dir, "db-link.json")],
    ["a dangling link into the store", () => path.join(sb.dir, "dangling.json")],
    ["a file already in the store's folder", () => path.join(sb.home, "notes.txt")],
    ["a new file in the store's spool", () => path.join(sb.home, "spool", "x.jsonl")],
  ];
  for (const [what, out] of cases) {
    it(`is refused for ${what}, and the store still works`, () => {
      const before = storeFiles().map((f) => [f, digest(f)]);
      const r = stacklog(sb, ["export", "--out", out()]);
      expect(r.status).toBe(5);
      expect(r.stderr).toContain(`stacklog: Output inside the store: ${out()}`);
      expect(r.stderr).toContain(`is part of the store at ${sb.home}`);
      expect(r.stderr).toContain("Nothing was written; the store is unchanged.");
      expect(r.stderr).not.toContain("exported journal");
      expect(storeFiles().map((f) => [f, digest(f)])).toEqual(before);
      expect(readdirSync(sb.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
      const status = stacklog(sb, ["status"]);
      expect(status.status, status.stderr).toBe(0);
      expect(status.stdout).toContain(`journal:  ${journalId}`);
    });
  }

  it("refuses a recording over the database as well", () => {
    const r = stacklog(sb, ["export", "--format", "asciicast", "--out", "store/stacklog.db"]);
    expect(r.status).toBe(5);
    expect(r.stderr).toContain("Output inside the store");
    expect(stacklog(sb, ["status"]).status).toBe(0);
  });

  it("still writes a new file beside the store's own files, and files elsewhere", () => {
    for (const out of [path.join(sb.home, "upgrade.json"), path.join(sb.dir, "upgrade.json")]) {
      const r = stacklog(sb, ["export", "--out", out]);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(readFileSync(out, "utf8")).journal.id).toBe(journalId);
    }
  });
});
