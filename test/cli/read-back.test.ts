import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

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

  it("says in the help of log that --json prints JSON Lines, as it does", () => {
    expect(stacklog(sb, ["log", "--help"]).stdout).toMatch(
      /^ +--json +print JSON Lines \(one event per line\)/m,
    );
    stacklog(sb, ["note", "one"]);
    stacklog(sb, ["note", "two"]);
    const lines = stacklog(sb, ["log", "--json"]).stdout.trimEnd().split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { seq: number }).seq)).toEqual([1, 2]);
  });

  it("says when log --phase names no phase of the journal, and lists those there are", () => {
    stacklog(sb, ["phase", "pre-checks"]);
    stacklog(sb, ["phase", "control plane"]);
    const r = stacklog(sb, ["log", "--phase", "control-plane"]);
    expect([r.status, r.stdout]).toEqual([0, ""]);
    expect(r.stderr).toBe(
      `stacklog: no phase "control-plane" in journal ${journalId}; its phases are "pre-checks", "control plane"\n`,
    );
    const known = stacklog(sb, ["log", "--phase", "pre-checks"]);
    expect(known.stderr).toBe("");
    expect(known.stdout).toContain("phase pre-checks begins");
  });

  it("says so when the journal has no phase at all", () => {
    const r = stacklog(sb, ["log", "--phase", "pre-checks", "--json"]);
    expect([r.status, r.stdout]).toEqual([0, ""]);
    expect(r.stderr).toContain('no phase "pre-checks" in journal');
    expect(r.stderr).toContain("it has no phases yet");
  });

  it("keeps a search snippet of a long output line to about 200 characters around the match", () => {
    const long = path.join(sb.dir, "long.txt");
    writeFileSync(long, `${"a".repeat(3000)} needle ${"b".repeat(3000)}\n`);
    stacklog(sb, ["run", "--", "cat", long]);
    const [line, ...more] = stacklog(sb, ["search", "needle"]).stdout.trimEnd().split("\n");
    expect(more).toEqual([]);
    const snippet = (line ?? "").replace(/^.*?\[output\] /, "");
    expect(snippet.length).toBeLessThanOrEqual(210);
    expect(snippet).toMatch(/^…a+ «needle» b+…$/);
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

  it("says which problem a fix fixes, by number, in the timeline and in show", () => {
    stacklog(sb, ["note", "--problem", "rabbitmq not clustered"]);
    stacklog(sb, ["note", "something else"]);
    const fix = stacklog(sb, ["note", "--fix", "1", "reset rabbitmq node 2"]);
    expect(fix.stdout).toBe("#3 fix: reset rabbitmq node 2 (fixes #1)\n");
    expect(stacklog(sb, ["log"]).stdout).toContain("fix: reset rabbitmq node 2 (fixes #1)");
    expect(stacklog(sb, ["show", "3"]).stdout).toContain("fix: reset rabbitmq node 2 (fixes #1)");
  });

  it("shows with an event what came after it: its amendments and, for a problem, its fixes", () => {
    stacklog(sb, ["note", "--problem", "rabbitmq did not start on ctl-2"]);
    stacklog(sb, ["note", "--fix", "1", "restarted the rabbitmq container"]);
    stacklog(sb, ["amend", "1", "it was ctl-3, not ctl-2"]);
    const text = stacklog(sb, ["show", "1"]).stdout;
    expect(text).toContain("fixed by #2: restarted the rabbitmq container");
    expect(text).toContain("amended by #3: it was ctl-3, not ctl-2");
    const json = stacklogJson<{ referredBy: { seq: number; kind: string }[] }>(sb, ["show", "1"]);
    expect(json.referredBy.map((b) => [b.seq, b.kind])).toEqual([
      [2, "fix"],
      [3, "amend"],
    ]);
    expect(stacklogJson<{ referredBy: unknown[] }>(sb, ["show", "2"]).referredBy).toEqual([]);
  });

  it("shows a milestone's text in the timeline and in show", () => {
    stacklog(sb, ["milestone", "API downtime", "--begin", "-m", "haproxy drained"]);
    expect(stacklog(sb, ["log"]).stdout).toContain(
      "milestone API downtime (begin): haproxy drained",
    );
    expect(stacklog(sb, ["show", "1"]).stdout).toMatch(/\n\nhaproxy drained\n$/);
  });

  it("names an amended event by its number, not its id", () => {
    stacklog(sb, ["note", "restarted nova_api"]);
    const amend = stacklog(sb, ["amend", "1", "it was nova_compute"]);
    expect(amend.stdout).toBe("#2 amends #1: it was nova_compute\n");
    const log = stacklog(sb, ["log"]).stdout;
    expect(log).toContain("amends #1: it was nova_compute");
    expect(log).not.toMatch(/amends [0-9A-Z]{26}/);
    expect(stacklog(sb, ["show", "2"]).stdout).toContain("amends #1: it was nova_compute");
  });

  it("indents the later lines of a multi-line command under its first line", () => {
    stacklog(sb, ["run", "--", "bash", "-c", "echo one\necho two"]);
    const lines = stacklog(sb, ["log"]).stdout.split("\n");
    const first = lines.findIndex((l) => l.includes("$ bash -c"));
    const column = (lines[first] ?? "").indexOf("bash -c");
    expect(lines[first]).toMatch(/ \$ bash -c 'echo one$/);
    expect(lines[first + 1]).toMatch(new RegExp(`^ {${column}}echo two'  ok `));
  });

  it("labels a rescued Ansible failure rescued, and counts hosts in the timeline's tag", () => {
    // a stand-in for ansible-playbook that prints a recorded run of test/fixtures/ansible/site.yml
    const fake = path.join(sb.dir, "ansible-playbook");
    const recorded = path.join(ROOT, "test", "fixtures", "ansible", "recorded", "site-plain.txt");
    writeFileSync(fake, `#!/bin/sh\ncat '${recorded}'\n`);
    chmodSync(fake, 0o755);
    expect(stacklog(sb, ["run", "--", fake]).status).toBe(0);
    expect(stacklog(sb, ["log"]).stdout).toContain(
      "(ansible: 3 plays, 14 tasks, 3 hosts — 2 hosts failed, 1 unreachable)",
    );
    const shown = stacklog(sb, ["show", "1"]).stdout;
    expect(shown).toContain("rescued: [localhost] Prepare the control nodes / Try the risky step");
    expect(shown).toContain(
      "ignored: [localhost] Prepare the control nodes / Probe an optional service",
    );
    expect(shown).toContain("failed: [alpha] Prepare the control nodes / Check each package");
  });

  it("counts in the singular in status and secrets list", () => {
    stacklog(sb, ["run", "--", "true"]);
    stacklog(sb, ["note", "--problem", "one problem"]);
    expect(stacklog(sb, ["status"]).stdout).toContain(
      "events:   2 (1 command, 0 failed, 1 problem)",
    );
    const file = path.join(sb.dir, "passwords.yml");
    writeFileSync(file, "database_password: Xq7-only-one-value\n");
    expect(stacklog(sb, ["secrets", "add", file]).stdout).toContain("1 value hidden");
    expect(stacklog(sb, ["secrets", "list"]).stdout).toContain("1 value hidden");
  });
});
