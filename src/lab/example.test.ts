import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
// The validator is not on the journal's front door yet; this test is its only user outside journal/.
import { type Schema, validateSchema } from "../journal/index.js";
import { checkoutStacklog } from "./recorder.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const EXAMPLE = join(root, "examples/keystone-victoria-zed-2025.1.json");
const PLANTED = join(root, "test/fixtures/lab/planted.json");

function read(path: string): string {
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: run scripts/lab/run-lab.sh as root and export the journal (see docs/lab.md)`,
    );
  return readFileSync(path, "utf8");
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe("the committed Keystone lab journal", () => {
  it("validates against the export schema", () => {
    const schema = JSON.parse(read(join(root, "schema/export.schema.json"))) as Schema;
    expect(validateSchema(schema, JSON.parse(read(EXAMPLE)))).toEqual([]);
  });

  it("holds none of the values the lab planted", () => {
    const text = read(EXAMPLE);
    const planted = JSON.parse(read(PLANTED)) as Record<string, string>;
    expect(Object.keys(planted).length).toBeGreaterThanOrEqual(2);
    for (const [name, value] of Object.entries(planted))
      expect(text.includes(value), name).toBe(false);
  });

  it("records the problems met with their fixes and the downtime windows", () => {
    const doc = JSON.parse(read(EXAMPLE)) as {
      events: { payload: { kind: string; noteKind?: string; problem?: string } }[];
    };
    const notes = doc.events.map((e) => e.payload).filter((p) => p.kind === "note");
    const problems = notes.filter((p) => p.noteKind === "problem").length;
    expect(problems).toBeGreaterThan(0);
    expect(notes.filter((p) => p.noteKind === "fix").length).toBe(problems);
    expect(doc.events.filter((e) => e.payload.kind === "milestone").length).toBeGreaterThanOrEqual(
      4,
    );
  });

  it("imports cleanly into a fresh store", () => {
    const home = mkdtempSync(join(tmpdir(), "stacklog-lab-import-"));
    dirs.push(home);
    const [cmd, ...args] = checkoutStacklog();
    const run = (...a: string[]) =>
      spawnSync(cmd ?? "node", [...args, ...a], {
        env: { ...process.env, STACKLOG_HOME: home },
        encoding: "utf8",
      });
    const imported = run("import", EXAMPLE);
    // a fresh store has no current journal: the imported one becomes it, and nothing else is said
    expect(imported.stderr).toMatch(/^stacklog: journal \w+ is now the current journal[^\n]*\n$/);
    expect(imported.status).toBe(0);
    const listed = run("list", "--json");
    expect(listed.stdout).toContain("Keystone Victoria");
  });
});
