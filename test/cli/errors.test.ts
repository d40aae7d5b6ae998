import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
beforeAll(() => {
  sb = sandbox({ STACKLOG_BUSY_TIMEOUT_MS: "200" });
  stacklogJson(sb, ["start", "--title", "errors"]);
  writeFileSync(path.join(sb.dir, "broken.yml"), "database_password: one\n  nested: [unclosed\n");
});
afterAll(() => sb.cleanup());

/** A clear error: one catalogued message with what to do, the right status, no stack trace. */
function expectClear(args: string[], status: number, ...says: string[]) {
  const r = stacklog(sb, args);
  expect(r.status, r.stderr).toBe(status);
  expect(r.stderr).toMatch(/^stacklog: /);
  for (const s of says) expect(r.stderr).toContain(s);
  expect(r.stderr).not.toMatch(/\n\s+at .*\(/);
  expect(r.stderr).not.toContain("internal error");
}

describe("bad input gets a clear error", () => {
  it.each([
    [["note", "--probelm", "x"], 2, ["Unknown flag", "--probelm", "stacklog note --help"]],
    [["frobnicate"], 2, ["Unknown command", "frobnicate", "stacklog --help"]],
    [["show", "999"], 3, ["Unknown event", "999"]],
    [["log", "--journal", "NOSUCHJOURNAL"], 3, ["Unknown journal", "stacklog list"]],
    [
      ["finish", "--status", "done"],
      2,
      ["expected: completed | abandoned | rolled-back", "received: done"],
    ],
    [["log", "--kind", "notes"], 2, ["--kind", "received: notes"]],
    [
      ["secrets", "add", "/nonexistent/passwords.yml"],
      5,
      ["Secret source unreadable", "/nonexistent/passwords.yml"],
    ],
    [["secrets", "add", "broken.yml"], 5, ["Malformed YAML", "broken.yml:1:20:"]],
    [["import", "package.json"], 5, ["Malformed import", "package.json", "store: "]],
    [["note"], 2, ["Empty note"]],
  ])("stacklog %j", (args, status, says) =>
    expectClear(args as string[], status as number, ...(says as string[])),
  );

  it("says the store is locked, and that nothing changed, when another writer holds it too long (reads still work)", async () => {
    const holder = spawn(
      process.execPath,
      [
        "-e",
        `
      const D = require(${JSON.stringify(path.join(ROOT, "node_modules", "better-sqlite3"))});
      const db = new D(${JSON.stringify(path.join(sb.home, "stacklog.db"))});
      db.exec("BEGIN EXCLUSIVE"); process.stdout.write("locked\\n");
      process.stdin.on("data", () => { db.exec("COMMIT"); process.exit(0); });
    `,
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    await new Promise((r) => holder.stdout.once("data", r));
    try {
      expectClear(["finish"], 4, "Store locked", "store: Nothing was written");
      expect(stacklog(sb, ["log"]).status).toBe(0);
    } finally {
      holder.stdin.write("x");
      await new Promise((r) => holder.once("exit", r));
    }
  });

  it("gives errors as JSON with --json", () => {
    const r = stacklog(sb, ["show", "999", "--json"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "EventNotFound" } });
  });
});
