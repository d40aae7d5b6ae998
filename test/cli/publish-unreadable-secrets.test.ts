import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filesUnder, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// publish checks its pages for every registered value (one stored before its source was
// registered); with the list of sources, or a source, unreadable it cannot, and refuses.

const VALUE = "Qx7Value_9911zz";
let sb: Sandbox;
let source: string;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "published"]);
  expect(stacklog(sb, ["run", "--", "echo", `db is ${VALUE}`]).status).toBe(0);
  source = path.join(sb.dir, "pw.yml");
  writeFileSync(source, `database_password: ${VALUE}\n`);
  expect(stacklog(sb, ["secrets", "add", source]).status).toBe(0);
});
afterEach(() => sb.cleanup());

function published(dir: string): string {
  return existsSync(dir)
    ? filesUnder(dir)
        .map((f) => readFileSync(f, "latin1"))
        .join("\n")
    : "";
}

describe("publish with secrets it cannot read", () => {
  it.each([
    [
      "the state file that lists the sources",
      () => writeFileSync(path.join(sb.home, "state.json"), '{"current": '),
    ],
    ["a registered source", () => rmSync(source)],
  ])("refuses when %s cannot be read, and writes no page", (_what, breakIt) => {
    const out = path.join(sb.dir, "site");
    breakIt();
    const r = stacklog(sb, ["publish", "--out", out]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^stacklog: .*(cannot be read|unreadable)/i);
    expect(published(out)).not.toContain(VALUE);
    expect(published(out)).toBe("");
  });
});

describe("publish with a value stored before its source was registered", () => {
  it("refuses, and the redacted copy its hint describes publishes clean", () => {
    const site1 = path.join(sb.dir, "site1");
    const refused = stacklog(sb, ["publish", "--out", site1]);
    expect(refused.status).toBe(5);
    expect(refused.stderr).toContain("make a redacted copy");
    expect(published(site1)).toBe("");
    const id = stacklogJson<{ journal: { id: string } }>(sb, ["status"]).journal.id;
    const copy = path.join(sb.dir, "j.json");
    expect(stacklog(sb, ["export", "--journal", id, "--out", copy]).status).toBe(0);
    const clean = { STACKLOG_HOME: path.join(sb.dir, "clean-store") };
    expect(stacklog(sb, ["secrets", "add", source], { env: clean }).status).toBe(0);
    expect(stacklog(sb, ["import", copy], { env: clean }).status).toBe(0);
    const site2 = path.join(sb.dir, "site2");
    expect(stacklog(sb, ["publish", "--out", site2], { env: clean }).status).toBe(0);
    expect(published(site2)).toContain("db is [REDACTED");
    expect(published(site2)).not.toContain(VALUE);
  });
});
