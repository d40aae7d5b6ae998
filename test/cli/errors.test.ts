import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
let milestone: number;
beforeAll(() => {
  sb = sandbox({ STACKLOG_BUSY_TIMEOUT_MS: "200" });
  stacklogJson(sb, ["start", "--title", "errors"]);
  writeFileSync(path.join(sb.dir, "broken.yml"), "database_password: one\n  nested: [unclosed\n");
  milestone =
    stacklogJson<{ stored: { seq: number }[] }>(sb, ["milestone", "API down"]).stored[0]?.seq ?? 0;
  stacklog(sb, ["run", "--", "true"]);
  stacklog(sb, ["export", "--out", "journal.json"]);
  writeFileSync(path.join(sb.dir, "session.cast"), `${ASCIICAST_V2}\n[0.1, "o", "hi\\r\\n"]\n`);
  mkdirSync(path.join(sb.dir, "outdir"));
});
afterAll(() => sb.cleanup());

const ASCIICAST_V2 = '{"version": 2, "width": 80, "height": 24, "timestamp": 1700000000}';

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
    // an argument a verb does not take is refused, not ignored (it exported the current journal)
    [["export", "NOSUCHJOURNAL"], 2, ["stacklog export", "flags only", '"NOSUCHJOURNAL"']],
    [["status", "foo"], 2, ["stacklog status", "flags only"]],
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
    [
      ["import", path.join(ROOT, "package.json")],
      5,
      ["Malformed import", "package.json", "store: "],
    ],
    [["note"], 2, ["Empty note"]],
    [
      ["search", "true", "--limit", "abc"],
      2,
      ["Bad value for --limit", "a whole number, 1 or more", "received: abc", "leave --limit out"],
    ],
    [["log", "--limit", "abc"], 2, ["Bad value for --limit", "received: abc"]],
    [["log", "--limit", "0"], 2, ["Bad value for --limit", "received: 0"]],
    [
      ["log", "--limit", "-1"],
      2,
      ["Bad value for --limit", "received: -1", "stacklog log --limit"],
    ],
    [["log", "--limit=2.5"], 2, ["Bad value for --limit", "received: 2.5"]],
    [["show", "1", "--tail", "abc"], 2, ["Bad value for --tail", "received: abc"]],
    [["import", "nosuch.json"], 3, ["not found", "nosuch.json", "does not exist"]],
    [["import", "--format", "asciicast", "nope.cast"], 3, ["not found", "nope.cast"]],
    [["import", "outdir"], 3, ["not found", "outdir", "is a folder"]],
    [["import", "session.cast"], 2, ["session.cast", "asciicast recording", "--format asciicast"]],
    [
      ["import", "--format", "asciicast", "journal.json"],
      2,
      ["journal.json", "stacklog export", "leave out `--format`"],
    ],
    [["export", "--event", "1"], 2, ["--event", "asciicast"]],
    [["finish"], 2, ["--status", "completed | abandoned | rolled-back"]],
    [["note", "pos", "-m", "msg"], 2, ["Text given twice", "as arguments or with -m"]],
    [["amend", "1", "words", "-m", "msg"], 2, ["Text given twice", "stacklog amend"]],
    [["phase", "--end"], 3, ["Phase not running", "No phase is running", "stacklog phase NAME"]],
    [["amend", "1", ""], 2, ["Empty amendment", "The amendment has no text", "stacklog amend 14"]],
    [
      ["note", "-m", "--password x"],
      2,
      ["Value taken for a flag", "after `-m` starts with `-`", '-m="-value"', "stacklog note -- "],
    ],
    [
      ["milestone", "API downtime", "--message", "--haproxy drained"],
      2,
      ["Value taken for a flag", "after `--message`", '--message="-value"'],
    ],
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
      expectClear(
        ["finish", "--status", "completed"],
        4,
        "Store locked",
        "store: Nothing was written",
      );
      expect(stacklog(sb, ["log"]).status).toBe(0);
    } finally {
      holder.stdin.write("x");
      await new Promise((r) => holder.once("exit", r));
    }
  });

  it("shows control characters an argument holds instead of sending them to the terminal", () => {
    const r = stacklog(sb, ["show", "x\x1b]0;PWN\x07\x1b[2Jy"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toContain("x\\e]0;PWN\\x07\\e[2Jy");
    expect(r.stderr).not.toContain("\x1b");
    expect(r.stderr).not.toContain("\x07");
  });

  it("says what an event given to note --fix is, when it is not a problem", () => {
    expectClear(
      ["note", "--fix", String(milestone), "fixed it"],
      2,
      `event ${milestone} is a milestone, not a problem`,
    );
  });

  it("refuses to export as a recording an event that is not a command", () => {
    for (const format of ["asciicast", "asciicast-v2"])
      expectClear(
        ["export", "--format", format, "--event", String(milestone)],
        2,
        `event #${milestone} is a milestone, not a command`,
        "stacklog log --kind command",
      );
  });

  it.each(["json", "asciicast", "asciicast-v2"])(
    "says it cannot write the --format %s export, and leaves no temporary file behind",
    (format) => {
      const missing = path.join(sb.dir, "nonexistent", "dir", "x.out");
      expectClear(["export", "--format", format, "--out", missing], 3, missing, "does not exist");
      const folder = path.join(sb.dir, "outdir");
      expectClear(["export", "--format", format, "--out", folder], 1, folder, "is a folder");
      expect(readdirSync(sb.dir).filter((f) => f.includes(".tmp"))).toEqual([]);
      expect(readdirSync(folder)).toEqual([]);
    },
  );

  it("says the store cannot be written when STACKLOG_HOME is a file, and a command still runs", () => {
    const file = path.join(sb.dir, "not-a-folder");
    writeFileSync(file, "hi\n");
    const started = stacklog(sb, ["start", "--title", "x"], { env: { STACKLOG_HOME: file } });
    expect(started.status).toBe(4);
    expect(started.stderr).toContain("Store not writable");
    expect(started.stderr).not.toContain("internal error");
    const ran = stacklog(sb, ["run", "--", "echo", "still-runs"], { env: { STACKLOG_HOME: file } });
    expect([ran.status, ran.stdout]).toEqual([0, "still-runs\n"]);
  });

  it("says the current journal is not in the store when the store file was replaced by an empty one", () => {
    const box = sandbox();
    try {
      stacklogJson(box, ["start", "--title", "before the store was replaced"]);
      for (const f of readdirSync(box.home))
        if (f.startsWith("stacklog.db")) writeFileSync(path.join(box.home, f), "");
      const r = stacklog(box, ["log"]);
      expect(r.status).toBe(3);
      expect(r.stderr).toContain("Current journal not in this store");
      expect(r.stderr).toContain("moved aside or replaced");
      // a journal the operator names is still simply unknown
      expect(stacklog(box, ["log", "--journal", "NOPE"]).stderr).toContain("Unknown journal");
    } finally {
      box.cleanup();
    }
  });

  it("prints a verb's help for `stacklog help VERB`, and says what must be given", () => {
    const r = stacklog(sb, ["help", "run"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(stacklog(sb, ["run", "--help"]).stdout);
    const plan = stacklog(sb, ["plan"]);
    expect(plan.status).toBe(2);
    expect(plan.stderr).toContain("--tool, --from and --to must be given.");
  });

  it("says in its own words, not the argument parser's, that a value was taken for a flag", () => {
    const r = stacklog(sb, ["note", "-m", "--password x"]);
    expect(r.stderr).not.toMatch(/ambiguous|Did you forget|-XYZ/);
    expect(r.stderr).not.toContain("--password x");
  });

  it("takes a value joined to a short flag with = as the advice says", () => {
    const r = stacklogJson<{ stored: { payload: { text: string } }[] }>(sb, [
      "note",
      "-m=--password x",
    ]);
    expect(r.stored[0]?.payload.text).toBe("--password x");
  });

  it("gives errors as JSON with --json", () => {
    const r = stacklog(sb, ["show", "999", "--json"]);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "EventNotFound" } });
  });

  it("exits with the store-problem status from status on a corrupt store, and still reports what it can", () => {
    const own = sandbox();
    try {
      stacklogJson(own, ["start", "--title", "corrupt"]);
      writeFileSync(path.join(own.home, "stacklog.db"), "garbage");
      expect(stacklog(own, ["note", "kept while the store is down"]).status).toBe(0);
      const r = stacklog(own, ["status"]);
      expect(r.status).toBe(4);
      expect(r.stdout).toContain("UNAVAILABLE");
      expect(r.stdout).toContain("spooled:  1 record waiting");
      expect(r.stderr).toMatch(/^stacklog: Store corrupt; what to do: /);
      const json = stacklog(own, ["status", "--json"]);
      expect(json.status).toBe(4);
      expect(JSON.parse(json.stdout)).toMatchObject({ store: { ok: false }, spooled: 1 });
    } finally {
      own.cleanup();
    }
  });
});
