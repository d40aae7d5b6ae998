import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  countStatus,
  fromJsonCallback,
  fromParser,
} from "../../../test/fixtures/ansible/json-reference.js";
import { FIXTURES } from "../../../test/fixtures/ansible/run-playbook.js";
import { type AnsibleSummary, createAnsibleParser } from "./index.js";

const recorded = (name: string): string =>
  fs.readFileSync(path.join(FIXTURES, "recorded", name), "utf8");

function parseInChunks(text: string, size: number, atMs?: (i: number) => number): AnsibleSummary {
  const parser = createAnsibleParser();
  for (let i = 0; i < text.length; i += size) parser.push(text.slice(i, i + size), atMs?.(i));
  return parser.end();
}

const COLOR = recorded("site-color-pty-profile.txt");
const PLAIN = recorded("site-plain.txt");
const REFERENCE = fromJsonCallback(recorded("site.json"));

describe("createAnsibleParser on recorded ansible-playbook runs", () => {
  it("agrees with the json callback on plays, tasks, host statuses and the recap", () => {
    for (const text of [PLAIN, COLOR, recorded("site-yaml.txt")]) {
      const summary = parseInChunks(text, 4096);
      expect(summary.isAnsible).toBe(true);
      expect(fromParser(summary)).toEqual(REFERENCE);
    }
  });

  it("gives the same summary wherever the chunks split lines, colour codes and CRLFs", () => {
    const whole = parseInChunks(COLOR, COLOR.length);
    for (const size of [1, 2, 3, 7, 64, 1000]) expect(parseInChunks(COLOR, size)).toEqual(whole);
  });

  it("counts exactly the recap's rescued and ignored results as rescued and ignored", () => {
    const summary = parseInChunks(COLOR, 512);
    const recap = Object.fromEntries(summary.recap.map((r) => [r.host, r]));
    expect(countStatus(summary, "rescued")).toEqual({ localhost: recap.localhost?.rescued });
    expect(countStatus(summary, "ignored")).toEqual({ localhost: recap.localhost?.ignored });
  });

  it("turns each failed or unreachable task into a finding with its message and line", () => {
    const summary = parseInChunks(COLOR, 333);
    const lines = COLOR.split("\n");
    const brief = summary.findings.map((f) => [f.task, f.host, f.status, f.ignored]);
    expect(brief).toEqual([
      ["Check each package", "alpha", "failed", false],
      ["Try the risky step", "localhost", "failed", true],
      ["Probe an optional service", "localhost", "failed", true],
      ["Ping every host", "ghost", "unreachable", false],
      ["Fail with a long message", "localhost", "failed", false],
    ]);
    expect(summary.findings.map((f) => f.message)).toEqual([
      "(item=glance) failed_when matched (rc=0): glance",
      "non-zero return code (rc=3): risky",
      "non-zero return code (rc=1): missing",
      "Failed to connect to the host via ssh: ssh: connect to host 127.0.0.2 port 1: Connection refused",
      "database migration failed: 0, 1, 2",
    ]);
    for (const f of summary.findings) expect(lines[f.line - 1]).toContain(`[${f.host}]`);
    expect(summary.findings[4]?.play).toBe("Finish the upgrade");
  });

  it("reads the same messages from single-line, pretty and yaml results", () => {
    const messages = (text: string) => parseInChunks(text, 4096).findings.map((f) => f.message);
    expect(messages(PLAIN)).toEqual(messages(COLOR));
    expect(messages(recorded("site-yaml.txt"))).toEqual(messages(COLOR));
  });

  it("keeps wrapped warnings and deprecations whole, once each", () => {
    const summary = parseInChunks(COLOR + COLOR, 100);
    expect(summary.warnings).toEqual(["Could not match supplied host pattern, ignoring: nomatch"]);
    expect(summary.deprecations).toHaveLength(1);
    expect(summary.deprecations[0]).toMatch(
      /^"include" is deprecated.*ansible-core\/2\.14\/user_guide.*ansible\.cfg\.$/,
    );
  });

  it("marks handlers and times every task from the profile_tasks lines", () => {
    const tasks = parseInChunks(COLOR, 4096).plays.flatMap((p) => p.tasks);
    expect(tasks.filter((t) => t.handler).map((t) => t.name)).toEqual([
      "Restart the pretend service",
    ]);
    for (const t of tasks) expect(t.durationMs).toBeTypeOf("number");
    const summaryLines = COLOR.split("\n").filter((l) => /^Check each package -+ /.test(l));
    const printed = Number(/([\d.]+)s\s*$/.exec(summaryLines[0] ?? "")?.[1]) * 1000;
    const check = tasks.find((t) => t.name === "Check each package");
    expect(Math.abs((check?.durationMs ?? -1) - printed)).toBeLessThanOrEqual(10);
  });

  it("times tasks by chunk arrival when no profile lines were printed", () => {
    const summary = parseInChunks(PLAIN, 10, (i) => i);
    const say = summary.plays[0]?.tasks[0];
    const at = (needle: string) => Math.floor(PLAIN.indexOf(needle) / 10) * 10;
    expect(say?.durationMs).toBe(at("TASK [Touch a marker]") - at("TASK [Say hello]"));
  });

  it("records the hosts that reported in each play", () => {
    const plays = parseInChunks(PLAIN, 4096).plays;
    expect(plays.map((p) => p.hosts?.split(",").sort().join(","))).toEqual([
      "alpha,localhost",
      undefined,
      "ghost,localhost",
    ]);
  });

  it("reads ad-hoc ansible results as one unnamed task", () => {
    const summary = parseInChunks(recorded("adhoc-ping.txt"), 50);
    expect(summary.isAnsible).toBe(true);
    expect(summary.plays[0]?.tasks[0]?.results).toEqual({
      ghost: "unreachable",
      alpha: "ok",
      localhost: "ok",
    });
    expect(summary.findings.map((f) => [f.host, f.status])).toEqual([["ghost", "unreachable"]]);
  });
});
