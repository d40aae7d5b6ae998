import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import {
  filesUnder,
  NODE_ARGS,
  type Sandbox,
  sandbox,
  stacklog,
  stacklogJson,
} from "../helpers/cli.js";

// The state file names the current journal and the registered secret sources. One that cannot
// be read must never pass for "no secret sources": verbs that store text refuse, and `run`
// runs its command without storing its line or output.

const VALUE = "GaleraRoot7781xyz";
let sb: Sandbox;
let source: string;
let stateFile: string;
let good: string;
let journalId: string;

beforeEach(() => {
  sb = sandbox();
  source = path.join(sb.dir, "passwords.yml");
  writeFileSync(source, `database_password: ${VALUE}\n`);
  expect(stacklog(sb, ["secrets", "add", source]).status).toBe(0);
  journalId = stacklogJson<{ id: string }>(sb, ["start", "--title", "t"]).id;
  stateFile = path.join(sb.home, "state.json");
  good = readFileSync(stateFile, "utf8");
});
afterEach(() => sb.cleanup());

const breakState = (text = '{"current": "x", "secrets": [\n') => writeFileSync(stateFile, text);

/** Everything the store's folder and the spool folders hold, as text. */
const stored = () =>
  [...filesUnder(sb.home), ...filesUnder(path.join(sb.dir, "state"))]
    .map((f) => readFileSync(f).toString("latin1"))
    .join("\n");

const events = (journal = journalId) =>
  stacklog(sb, ["log", "--journal", journal, "--json"])
    .stdout.trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEvent);

describe("a state file that cannot be read", () => {
  it("makes `secrets list` say so, with where the JSON breaks and what to do", () => {
    breakState();
    const r = stacklog(sb, ["secrets", "list"]);
    expect(r.status).toBe(4);
    expect(r.stdout).not.toContain("No secret sources registered");
    expect(r.stderr).toContain(`stacklog: State file unreadable: ${stateFile} cannot be read`);
    expect(r.stderr).toContain("JSON syntax error: the file ends at line 2, column 1");
    expect(r.stderr).toContain(`mv ${stateFile} ${stateFile}.broken`);
    expect(r.stderr).toContain("add every source again (stacklog secrets add FILE)");
    expect(r.stderr).not.toContain("internal error");
  });

  it("gives the line and column of a syntax error inside the file", () => {
    breakState('{\n  "currentJournal": "x",\n  "secretSources": [1 2]\n}\n');
    expect(stacklog(sb, ["secrets", "list"]).stderr).toContain(
      "JSON syntax error at line 3, column 23 (position 49): Expected ',' or ']' after array element",
    );
  });

  it("makes `status` report it instead of a store without secrets", () => {
    breakState();
    const r = stacklog(sb, ["status"]);
    expect(r.stdout).toContain(`secrets:  ${stateFile} cannot be read (JSON syntax error`);
    expect(r.stderr).toContain("the current journal is unknown");
    // not "none current — stacklog start": start would refuse
    expect(r.stdout).toContain("journal:  unknown — the state file that names it cannot be read");
    expect(r.stdout).not.toContain("none current");
  });

  it("lets `list` list the journals, saying only that which one is current is unknown", () => {
    breakState();
    const r = stacklog(sb, ["list"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(journalId);
    expect(r.stderr).toContain("the current journal is unknown");
  });

  it("makes start, note and phase refuse, storing nothing", () => {
    breakState();
    for (const args of [
      ["start", "--title", VALUE],
      ["note", VALUE],
      ["phase", VALUE],
    ]) {
      const r = stacklog(sb, args);
      expect(r.status, args.join(" ")).toBe(4);
      expect(r.stderr).toContain("State file unreadable");
      expect(r.stdout).not.toContain("It is now the current journal");
      expect(r.stdout).not.toContain("Started journal");
    }
    const named = stacklog(sb, ["note", "--journal", journalId, VALUE]);
    expect(named.status).toBe(4);
    expect(named.stderr).toContain("State file unreadable");
    writeFileSync(stateFile, good);
    expect(stacklogJson<{ journals: unknown[] }>(sb, ["list"]).journals).toHaveLength(1);
    expect(events()).toEqual([]);
    expect(stored()).not.toContain(VALUE);
  });

  it("makes `secrets add` refuse rather than write a list without the sources it held", () => {
    breakState();
    const other = path.join(sb.dir, "clouds.env");
    writeFileSync(other, "OS_PASSWORD=AnotherSecret991\n");
    const r = stacklog(sb, ["secrets", "add", other]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain("State file unreadable");
    expect(readFileSync(stateFile, "utf8")).toBe('{"current": "x", "secrets": [\n');
  });

  it("lets `run` run the command and keep its status, storing none of its output", () => {
    breakState();
    const r = stacklog(sb, ["run", "--", "sh", "-c", `cat ${source}; exit 3`]);
    expect(r.status).toBe(3);
    expect(r.stdout).toBe(`database_password: ${VALUE}\n`);
    expect(r.stderr).toContain(`command line and output not stored: ${stateFile} cannot be read`);
    expect(r.stderr).toContain("the current journal is unknown");
    expect(r.stderr).not.toContain("stacklog start");
    expect(r.stderr).not.toContain("internal error");
    expect(stored()).not.toContain(VALUE);
    writeFileSync(stateFile, good);
    expect(events()).toEqual([]);
  });

  it("lets `run --journal` record that the command ran, without its line or output", () => {
    breakState();
    const r = stacklog(sb, ["run", "--journal", journalId, "--", "sh", "-c", `cat ${source}`]);
    expect(r.status).toBe(0);
    const [cmd] = events();
    expect(cmd?.payload).toMatchObject({ kind: "command", line: "[not recorded]", exitStatus: 0 });
    expect(stored()).not.toContain(VALUE);
  });

  for (const [what, text] of [
    ["empty", ""],
    ["JSON null", "null\n"],
    ["a list where secretSources should be", '{"secretSources": {"path": "x"}}\n'],
  ]) {
    it(`counts a state file that is ${what} as unreadable too`, () => {
      breakState(text);
      const r = stacklog(sb, ["secrets", "list"]);
      expect(r.status).toBe(4);
      expect(r.stderr).toContain("State file unreadable");
      expect(stacklog(sb, ["run", "--", "cat", source]).stderr).toContain(
        "command line and output not stored",
      );
      expect(stored()).not.toContain(VALUE);
    });
  }

  it("makes finish refuse before it finishes anything, even with --journal", () => {
    breakState();
    const r = stacklog(sb, ["finish", "--status", "completed", "--journal", journalId]);
    expect(r.status).toBe(4);
    expect(r.stderr).toContain(`${stateFile} cannot be read`);
    writeFileSync(stateFile, good);
    expect(stacklogJson<{ journal: { status: string } }>(sb, ["status"]).journal.status).toBe(
      "in-progress",
    );
  });

  it("is used again once fixed", () => {
    breakState();
    writeFileSync(stateFile, good);
    expect(stacklog(sb, ["run", "--", "cat", source]).status).toBe(0);
    expect(stacklog(sb, ["show", "1"]).stdout).toContain(
      "database_password: [REDACTED passwords.yml:database_password]",
    );
    expect(stored()).not.toContain(VALUE);
  });
});

describe("a state file that cannot be written", () => {
  it.each([
    ["start", ["start", "--title", "second"]],
    [
      "plan --start",
      ["plan", "--tool", "kolla-ansible", "--from", "zed", "--to", "2023.1", "--start"],
    ],
  ])("makes `%s` say so and start nothing, leaving no temporary file", (_verb, args) => {
    // The state file is written through `state.json.<pid>.tmp`: a link from there to /dev/full
    // makes that write fail as on a full disk (`exec` keeps the shell's pid for stacklog).
    const r = spawnSync(
      "sh",
      [
        "-c",
        'ln -s /dev/full "$STACKLOG_HOME/state.json.$$.tmp" && exec "$@"',
        "sh",
        process.execPath,
        ...NODE_ARGS,
        ...args,
      ],
      { cwd: sb.dir, env: sb.env, encoding: "utf8" },
    );
    expect(r.status).toBe(4);
    expect(r.stdout).not.toContain("It is now the current journal");
    expect(r.stdout).not.toContain("Started journal");
    expect(r.stderr).toContain(
      `stacklog: State file not writable: ${stateFile} could not be written (no space left on the device)`,
    );
    expect(r.stderr).toContain("No journal was started");
    expect(readdirSync(sb.home).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(readFileSync(stateFile, "utf8")).toBe(good);
    const list = stacklogJson<{ current: string; journals: { id: string }[] }>(sb, ["list"]);
    expect(list.current).toBe(journalId);
    expect(list.journals.map((j) => j.id)).toEqual([journalId]);
  });
});
