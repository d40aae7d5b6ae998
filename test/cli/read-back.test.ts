import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
let journalId: string;
beforeEach(() => {
  sb = sandbox();
  journalId = stacklogJson<{ id: string }>(sb, ["start", "--title", "auth rollout"]).id;
});
afterEach(() => sb.cleanup());

/** A recording with neither marks, prompts nor an exit status: one command of unknown status. */
function importUnknownStatus(): void {
  const cast = path.join(sb.dir, "session.cast");
  writeFileSync(
    cast,
    '{"version": 2, "width": 80, "height": 24, "timestamp": 1700000000, "command": "make test"}\n[0.1, "o", "ok\\r\\n"]\n',
  );
  expect(stacklog(sb, ["import", "--format", "asciicast", cast]).status).toBe(0);
}

describe("reading a journal back", () => {
  it("names the journal, not an event number, for a match in a journal's title", () => {
    const r = stacklog(sb, ["search", "auth", "--all"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toContain("#null");
    expect(r.stdout).toContain(`journal ${journalId.slice(-6)} [title] «auth» rollout`);
  });

  it("says in the timeline that a command's status is unknown, as show does", () => {
    importUnknownStatus();
    const log = stacklog(sb, ["log"]).stdout;
    expect(log).toContain("$ make test  status unknown");
    expect(log).not.toContain("null");
    expect(stacklog(sb, ["show", "1"]).stdout).toContain("status: unknown");
  });

  it("keeps the last N events with --limit N", () => {
    stacklog(sb, ["note", "one"]);
    stacklog(sb, ["note", "two"]);
    stacklog(sb, ["note", "three"]);
    const log = stacklog(sb, ["log", "--limit", "2"]).stdout;
    expect(log).not.toContain("one");
    expect(log).toContain("two");
    expect(log).toContain("three");
  });

  it("advertises in `log --help` only flags that log accepts", () => {
    const help = stacklog(sb, ["log", "--help"]).stdout;
    const usage = /^Usage: (.*)$/m.exec(help)?.[1] ?? "";
    const flags = [...usage.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
    expect(flags).toContain("--limit");
    for (const flag of flags) {
      expect(help).toMatch(new RegExp(`^ +(-\\w, )?${flag}\\b`, "m"));
      // --follow runs until interrupted
      if (flag !== "--follow")
        expect(stacklog(sb, ["log", flag, "1"]).stderr).not.toContain("Unknown flag");
    }
  });

  it("counts one imported command in the singular", () => {
    const cast = path.join(sb.dir, "one.cast");
    writeFileSync(
      cast,
      '{"version": 2, "width": 80, "height": 24, "timestamp": 1700000000, "command": "true"}\n',
    );
    expect(stacklog(sb, ["import", "--format", "asciicast", cast]).stdout).toMatch(
      /^Imported 1 command into /,
    );
  });
});
