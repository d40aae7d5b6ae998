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
