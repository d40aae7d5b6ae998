import { describe, expect, it } from "vitest";
import { StacklogError } from "../errors/index.js";
import { EVENT_KINDS } from "../journal/index.js";
import { parseVerbArgs } from "./parse.js";
import { findVerb, VERBS } from "./verbs.js";

function parse(verb: string, argv: string[]) {
  const spec = findVerb(verb);
  if (!spec) throw new Error(`no verb ${verb}`);
  return parseVerbArgs(spec, argv);
}

describe("command-line parsing", () => {
  it.each([
    ["note", ["--problem", "galera", "down"], { problem: true }, ["galera", "down"], []],
    ["note", ["--fix", "12", "-m", "restarted"], { fix: "12", message: "restarted" }, [], []],
    ["run", ["--", "ls", "-la", "--json"], {}, [], ["ls", "-la", "--json"]],
    // without `--` the command starts at its first word, as with env, sudo and time
    ["run", ["ls", "-la", "--json"], {}, [], ["ls", "-la", "--json"]],
    ["run", ["echo", "-m", "hi"], {}, [], ["echo", "-m", "hi"]],
    [
      "run",
      ["--journal", "01JD6Q", "--pipe", "grep", "-r", "--", "x"],
      { journal: "01JD6Q", pipe: true },
      [],
      ["grep", "-r", "--", "x"],
    ],
    [
      "run",
      ["--pipe", "--", "kolla-ansible", "-i", "multinode", "prechecks"],
      { pipe: true },
      [],
      ["kolla-ansible", "-i", "multinode", "prechecks"],
    ],
    [
      "log",
      ["--kind", "note", "--kind", "command", "-f"],
      { kind: ["note", "command"], follow: true },
      [],
      [],
    ],
    ["milestone", ["API downtime", "--begin"], { begin: true }, ["API downtime"], []],
    // `--` ends the flags: text that starts with `-` can follow
    [
      "note",
      ["galera ok", "--", "--wsrep-new-cluster used"],
      {},
      ["galera ok", "--wsrep-new-cluster used"],
      [],
    ],
    ["search", ["--", "--os-password"], {}, ["--os-password"], []],
    // a short flag joined to its value with `=`, as FlagValueLooksLikeFlag advises
    ["note", ["-m=--password x"], { message: "--password x" }, [], []],
    ["amend", ["3", "-m=-x"], { message: "-x" }, ["3"], []],
    [
      "finish",
      ["--status", "rolled-back", "--json"],
      { status: "rolled-back", json: true },
      [],
      [],
    ],
  ])("parses stacklog %s %j", (verb, argv, flags, positionals, rest) => {
    const got = parse(verb, argv);
    expect(got.flags).toEqual(flags);
    expect(got.positionals).toEqual(positionals);
    expect(got.rest).toEqual(rest);
  });

  it("refuses a one-value flag given twice, naming both values", () => {
    let err: unknown;
    try {
      parse("start", ["--title", "Zed upgrade", "--title", "2025.1 upgrade"]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StacklogError);
    const said = JSON.stringify((err as StacklogError).details);
    expect(said).toContain("Bad value for --title");
    expect(said).toContain('\\"Zed upgrade\\" and \\"2025.1 upgrade\\"');
    // flags that take several values still do
    expect(() =>
      parse("start", ["--title", "x", "--operator", "a", "--operator", "b"]),
    ).not.toThrow();
  });

  it("says which flag lacks its value, in a catalogued error", () => {
    let err: unknown;
    try {
      parse("log", ["--limit"]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StacklogError);
    const said = JSON.stringify((err as StacklogError).details);
    expect(said).toContain("Bad value for --limit");
    expect(said).toContain("received: nothing");
    expect(said).not.toContain("argument missing");
  });

  it("says a value starting with a dash was taken for a flag, naming the flag", () => {
    try {
      parse("note", ["-m", "--password x"]);
      expect.unreachable();
    } catch (err) {
      expect((err as StacklogError).code).toBe("FlagValueLooksLikeFlag");
      expect((err as StacklogError).details.hint).toContain('-m="-value" or --message="-value"');
    }
  });

  it("lists in log's help every kind of event log takes", () => {
    expect(findVerb("log")?.flags.kind?.description).toBe(EVENT_KINDS.join(", "));
  });

  it("names the unknown flag and the verb in a catalogued error", () => {
    try {
      parse("note", ["--probelm", "x"]);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(StacklogError);
      expect((err as StacklogError).code).toBe("UnknownFlag");
      expect((err as StacklogError).message).toContain("--probelm");
      expect((err as StacklogError).message).toContain("stacklog note");
    }
  });

  it("gives every verb a summary and examples that use it", () => {
    for (const v of VERBS) {
      expect(v.summary.length).toBeGreaterThan(10);
      expect(v.examples.length).toBeGreaterThan(0);
      for (const ex of v.examples) expect(ex).toContain(`stacklog ${v.name}`);
    }
  });
});
