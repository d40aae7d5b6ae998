import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandPayload, JournalEvent } from "../../src/journal/index.js";
import { filesUnder, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// A registered secret source that cannot be read for a while (kolla-genpwd rewriting
// passwords.yml, the file moved, a bad edit): its values are unknown to stacklog then, so
// nothing that may hold them is stored until it can be read again.

const VALUE = "RabbitHole9981xyz";
let sb: Sandbox;
let source: string;
let journalId: string;
beforeEach(() => {
  sb = sandbox();
  source = path.join(sb.dir, "passwords.yml");
  writeFileSync(source, `database_password: ${VALUE}\n`);
  expect(stacklog(sb, ["secrets", "add", source]).status).toBe(0);
  journalId = stacklogJson<{ id: string }>(sb, ["start", "--title", "rotating passwords"]).id;
});
afterEach(() => sb.cleanup());

/** The store's files; the hook spool (the shell's own file, raw) only with `hooks`. */
const storeBytes = (hooks = true) =>
  filesUnder(sb.home)
    .filter((f) => hooks || !f.includes(`${path.sep}hooks${path.sep}`))
    .map((f) => readFileSync(f).toString("latin1"))
    .join("\n");

const commands = () =>
  stacklog(sb, ["log", "--kind", "command", "--json"])
    .stdout.trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as JournalEvent).payload as CommandPayload);

describe("a registered secret source that cannot be read", () => {
  for (const [what, breakIt] of [
    ["moved away", () => renameSync(source, `${source}.moved`)],
    ["malformed", () => writeFileSync(source, `database_password: ${VALUE}\n  bad: [\n`)],
  ] as const) {
    it(`(${what}): run still runs the command, but stores neither its line nor its output`, () => {
      breakIt();
      const r = stacklog(sb, ["run", "--", "sh", "-c", `echo ${VALUE}; exit 3`]);
      expect(r.status).toBe(3);
      expect(r.stdout).toBe(`${VALUE}\n`);
      expect(r.stderr).toContain("command line and output not stored");
      const [cmd] = commands();
      expect(cmd?.line).toBe("[not recorded]");
      expect(cmd?.argv ?? null).toBeNull();
      expect(cmd?.exitStatus).toBe(3);
      expect(cmd?.outputId).toBeNull();
      expect(storeBytes()).not.toContain(VALUE);
    });
  }

  it("keeps hook-mode lines waiting until it can be read, then stores them redacted", () => {
    renameSync(source, `${source}.moved`);
    // the line a hook-mode shell appends (see shell/hook.bash)
    const hooks = path.join(sb.home, "hooks");
    mkdirSync(hooks, { recursive: true });
    const now = Date.now() / 1000;
    writeFileSync(
      path.join(hooks, `${journalId}.tsv`),
      `${now}\t${now + 0.1}\t0\t${sb.dir}\tmysql -u root -p${VALUE} nova\tpts/3\trtp@deploy\t0\n`,
    );
    expect(stacklog(sb, ["status"]).status).toBe(0);
    expect(commands()).toEqual([]);
    expect(storeBytes(false)).not.toContain(VALUE);
    renameSync(`${source}.moved`, source);
    const [cmd] = commands();
    expect(cmd?.line).toBe("mysql -u root -p[REDACTED passwords.yml:database_password] nova");
    // the hook spool is gone once stored
    expect(storeBytes()).not.toContain(VALUE);
  });
});

describe("stacklog secrets remove", () => {
  it("names itself as the way out when a registered source is gone", () => {
    renameSync(source, `${source}.moved`);
    const r = stacklog(sb, ["note", "after the move"]);
    expect(r.status).toBe(5);
    expect(r.stderr).toContain("Secret source unreadable");
    expect(r.stderr).toContain(`stacklog secrets remove ${source}`);
  });

  it("stops using a source that is gone, named relative to the current folder, so recording works again", () => {
    renameSync(source, `${source}.moved`);
    const r = stacklog(sb, ["secrets", "remove", "passwords.yml"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(`Removed ${source}: its values are no longer hidden by stacklog\n`);
    expect(stacklog(sb, ["secrets", "list"]).stdout).toContain("No secret sources registered");
    const note = stacklog(sb, ["note", "after the move"]);
    expect([note.status, note.stderr]).toEqual([0, ""]);
    stacklog(sb, ["run", "--", "echo", "recorded-again"]);
    expect(commands().map((c) => c.line)).toEqual(["echo recorded-again"]);
  });

  it("takes the path as listed, and says what it removed with --json", () => {
    const other = path.join(sb.dir, "clouds.yaml");
    writeFileSync(other, "clouds:\n  prod:\n    auth:\n      password: CloudPw_5566aa\n");
    expect(stacklog(sb, ["secrets", "add", other]).status).toBe(0);
    expect(stacklogJson(sb, ["secrets", "remove", source])).toEqual({
      removed: [{ path: source, kind: expect.any(String) }],
      remaining: [other],
    });
  });

  it("refuses a path that is not registered, naming those that are, and removes nothing", () => {
    const r = stacklog(sb, ["secrets", "remove", source, "nosuch.yml"]);
    expect(r.status).toBe(3);
    expect(r.stderr).toMatch(/^stacklog: Not a registered secret source: nosuch\.yml /);
    expect(r.stderr).toContain(`(${source})`);
    expect(r.stderr).toContain("stacklog secrets list");
    expect(stacklog(sb, ["secrets", "list"]).stdout).toContain(source);
  });

  it("is in the help, with an example", () => {
    const help = stacklog(sb, ["secrets", "--help"]).stdout;
    expect(help).toMatch(/^Usage: .*stacklog secrets remove FILE…$/m);
    expect(help).toMatch(/^ {2}stacklog secrets remove \/\S+$/m);
  });
});
