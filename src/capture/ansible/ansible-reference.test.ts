import { beforeAll, describe, expect, it } from "vitest";
import {
  countStatus,
  fromJsonCallback,
  fromParser,
} from "../../../test/fixtures/ansible/json-reference.js";
import {
  type PlaybookRun,
  type PlaybookVariant,
  runPlaybook,
} from "../../../test/fixtures/ansible/run-playbook.js";
import { type AnsibleSummary, createAnsibleParser } from "./index.js";

// Runs Debian's ansible-playbook (apt-get install ansible) on the fixture playbook, once per
// variant, and holds the parser to the json callback's account of the same playbook.
const VARIANTS = {
  plain: { callback: "default" },
  colourPty: { callback: "default", color: true, pty: true, profile: true },
  json: { callback: "json" },
} satisfies Record<string, PlaybookVariant>;

type Runs = Record<keyof typeof VARIANTS, PlaybookRun>;
let runs: Runs;

beforeAll(async () => {
  const entries = await Promise.all(
    Object.entries(VARIANTS).map(async ([name, v]) => [name, await runPlaybook(v)] as const),
  );
  runs = Object.fromEntries(entries) as Runs;
});

function parse(text: string, chunk = 1024): AnsibleSummary {
  const parser = createAnsibleParser();
  for (let i = 0; i < text.length; i += chunk) parser.push(text.slice(i, i + chunk));
  return parser.end();
}

describe("createAnsibleParser against real ansible-playbook runs", () => {
  it("reports the plays, tasks, host statuses and recap that the json callback reports", () => {
    const reference = fromJsonCallback(runs.json.output);
    expect(reference.plays.length).toBeGreaterThan(1);
    for (const name of ["plain", "colourPty"] as const) {
      expect(fromParser(parse(runs[name].output)), name).toEqual(reference);
      expect(runs[name].exitCode, name).toBe(runs.json.exitCode);
    }
  });

  it("read a coloured PTY stream with CRLF line ends and profile_tasks timings", () => {
    const out = runs.colourPty.output;
    expect(out).toContain("\r\n");
    expect(out).toContain("\u001b[0;31m");
    const summary = parse(out, 97);
    const tasks = summary.plays.flatMap((p) => p.tasks);
    expect(tasks.length).toBeGreaterThan(5);
    for (const t of tasks) expect(t.durationMs, t.name).toBeGreaterThanOrEqual(0);
  });

  it("names the rescued and ignored failures as often as the recap counts them", () => {
    for (const name of ["plain", "colourPty"] as const) {
      const summary = parse(runs[name].output);
      const counted = (key: "rescued" | "ignored") =>
        Object.fromEntries(summary.recap.filter((r) => r[key] > 0).map((r) => [r.host, r[key]]));
      expect(countStatus(summary, "rescued"), name).toEqual(counted("rescued"));
      expect(countStatus(summary, "ignored"), name).toEqual(counted("ignored"));
    }
  });

  it("makes a finding of every failed and unreachable host, ignored only when the run went on", () => {
    const summary = parse(runs.plain.output);
    const recap = summary.recap;
    const unforgiven = summary.findings.filter((f) => !f.ignored);
    for (const row of recap) {
      const mine = unforgiven.filter((f) => f.host === row.host);
      expect(
        mine.filter((f) => f.status === "failed"),
        row.host,
      ).toHaveLength(row.failed);
      expect(
        mine.filter((f) => f.status === "unreachable"),
        row.host,
      ).toHaveLength(row.unreachable);
    }
    for (const f of summary.findings) expect(f.message.length, f.task).toBeGreaterThan(0);
    expect(summary.warnings.join("\n")).toContain("nomatch");
    expect(summary.deprecations.join("\n")).toContain('"include" is deprecated');
  });
});
