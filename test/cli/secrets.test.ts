import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore } from "../../src/journal/index.js";
import { plantedSecrets } from "../../src/redact/test-corpus.js";
import { filesUnder, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

const corpus = plantedSecrets();
// Values no registered source knows, given to a command as arguments of their own after a flag
// that names them: only the pattern rules can find them, and only next to their flag.
const FLAG_VALUES = ["UserCreatePw_777", "OsTok_abcdef123", "multi word Pa55phrase"];
const flagged = [
  ...["openstack", "user", "create", "--password", FLAG_VALUES[0] as string, "bob"],
  ...["--os-token", FLAG_VALUES[1] as string, "--os-password", FLAG_VALUES[2] as string],
];
/** Every value that must be found nowhere. */
const planted = [...corpus.planted, ...FLAG_VALUES];
let sb: Sandbox;
let exportText = "";
let storedText = "";
let spoolFiles: string[] = [];
let spoolText = "";

beforeAll(() => {
  sb = sandbox(corpus.env);
  const paths: string[] = [];
  for (const f of corpus.files) {
    const p = path.join(sb.dir, f.name);
    writeFileSync(p, f.text);
    paths.push(p);
  }
  const added = stacklog(sb, ["secrets", "add", ...paths]);
  expect(added.status, added.stderr).toBe(0);
  for (const v of corpus.planted) expect(added.stdout).not.toContain(v);

  const [s0, s1, s2, s3] = corpus.planted;
  stacklogJson(sb, ["start", "--title", `upgrade with ${s0} in the title`, "--site", `site ${s1}`]);
  stacklog(sb, ["phase", `phase ${s2}`]);
  // Every planted value in a note, in a command line, and in output (one per line, and all
  // in one long line so that the pipe's chunks split some of them).
  const all = corpus.planted.join("\n");
  stacklog(sb, ["note", "--problem"], { input: `${all}\n${corpus.lookalikes.join("\n")}` });
  stacklog(sb, ["run", "--", "echo", ...corpus.planted.slice(0, 20)]);
  stacklog(sb, ["run", "--", "echo", ...flagged]);
  const body = path.join(sb.dir, "body.txt");
  writeFileSync(
    body,
    `${all}\n${corpus.lookalikes.join("\n")}\n${"x".repeat(70_000)}${corpus.planted.join(" ")}\n`,
  );
  for (const f of [...corpus.files.map((f) => path.join(sb.dir, f.name)), body]) {
    stacklog(sb, ["run", "--", "cat", f]);
  }
  stacklog(sb, ["milestone", "API downtime", "--begin", "-m", `${s3}`]);
  // The store goes bad for a while: what is recorded meanwhile waits in the spool, redacted too.
  const db = path.join(sb.home, "stacklog.db");
  renameSync(db, `${db}.aside`);
  writeFileSync(db, "this is not a database");
  stacklog(sb, ["note", "--problem"], { input: all });
  stacklog(sb, ["run", "--", "cat", body]);
  stacklog(sb, ["run", "--", "echo", ...flagged]);
  spoolFiles = filesUnder(path.join(sb.dir, "state")).concat(
    filesUnder(sb.home).filter((f) => f.includes("spool")),
  );
  spoolText = spoolFiles.map((f) => readFileSync(f, "latin1")).join("\n");
  rmSync(db);
  renameSync(`${db}.aside`, db);
  expect(stacklogJson<{ drained: number }>(sb, ["status"]).drained).toBeGreaterThan(0);
  stacklog(sb, ["amend", "2", `correction ${s3}`]);
  exportText = stacklog(sb, ["export"]).stdout;
  const store = openStore({ home: sb.home });
  try {
    const id = store.listJournals()[0]?.id as string;
    const parts: string[] = [
      JSON.stringify(store.listJournals()),
      JSON.stringify(store.events(id)),
    ];
    for (const e of store.events(id)) {
      if (e.payload.kind === "command" && e.payload.outputId) {
        parts.push(
          store
            .readOutput(e.payload.outputId)
            .map((c) => c.data)
            .join(""),
        );
      }
    }
    storedText = parts.join("\n");
  } finally {
    store.close();
  }
});
afterAll(() => sb.cleanup());

describe("secrets planted in titles, notes, command lines and output", () => {
  it("plants at least 50 values of at least 12 kinds", () => {
    expect(corpus.planted.length).toBeGreaterThanOrEqual(50);
    expect(corpus.kinds.length).toBeGreaterThanOrEqual(12);
  });

  it("never stores a planted value: database, WAL, spool and every other file of the store", () => {
    const files = filesUnder(sb.home);
    expect(files.some((f) => f.endsWith("stacklog.db"))).toBe(true);
    for (const f of files) {
      const bytes = readFileSync(f).toString("latin1");
      for (const v of planted) expect(bytes.includes(v), `${v} in ${f}`).toBe(false);
    }
  });

  it("never stores a planted value in what the store gives back (decompressed output included)", () => {
    expect(storedText).toContain("[REDACTED");
    for (const v of planted) expect(storedText.includes(v), v).toBe(false);
  });

  it("never spools a planted value while the store is unavailable", () => {
    expect(spoolFiles.length).toBeGreaterThan(0);
    expect(spoolText).toContain("[REDACTED");
    for (const v of planted) expect(spoolText.includes(v), v).toBe(false);
  });

  it("never exports a planted value", () => {
    expect(exportText.length).toBeGreaterThan(1000);
    for (const v of planted) expect(exportText.includes(v), v).toBe(false);
  });

  it("hides a value given after its flag as an argument of its own, in the line and the argv", () => {
    const events = JSON.parse(exportText).events as {
      payload: { kind: string; line?: string; argv?: string[] };
    }[];
    const runs = events.filter((e) => e.payload.line?.includes("user create"));
    expect(runs.length).toBe(2);
    for (const e of runs) {
      // echo openstack user create --password VALUE bob --os-token VALUE --os-password VALUE
      expect(e.payload.argv?.slice(4, 7)).toEqual(["--password", "[REDACTED password]", "bob"]);
      expect(e.payload.argv?.[8]).toBe("[REDACTED token]");
      expect(e.payload.argv?.[10]).toBe("[REDACTED password]");
    }
  });

  it("keeps the look-alikes that are not secrets", () => {
    for (const l of corpus.lookalikes) expect(storedText.includes(l), l).toBe(true);
  });

  it("warns when a registered file holds no value to hide", () => {
    const empty = path.join(sb.dir, "hostname.txt");
    writeFileSync(empty, "ctl01\n");
    const r = stacklog(sb, ["secrets", "add", empty]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("holds no value to hide");
  });

  it("lists the sources by path and kind, never their values", () => {
    const out = stacklog(sb, ["secrets", "list", "--json"]).stdout;
    expect(out).toContain("passwords.yml");
    for (const v of planted) expect(out.includes(v)).toBe(false);
  });
});
