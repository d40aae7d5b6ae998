import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CheckPayload, JournalEvent } from "../../src/journal/index.js";
import { ROOT, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

const FIXTURES = path.join(ROOT, "test", "fixtures", "plan", "keystone-status");
let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "prechecks"]);
});
afterEach(() => sb.cleanup());

/**
 * Replays a real `keystone-status upgrade check` report captured from Debian's keystone (see
 * the fixtures' manifest.json; the parser is also tested against the live command in
 * src/plan), so that this test is about the recording of check results.
 */
function replaying(file: string, code: number): string {
  const bin = path.join(sb.dir, "bin");
  mkdirSync(bin, { recursive: true });
  const script = path.join(bin, "keystone-status");
  writeFileSync(script, `#!/bin/sh\ncat '${path.join(FIXTURES, file)}'\nexit ${code}\n`);
  chmodSync(script, 0o755);
  return `${bin}:${sb.env.PATH}`;
}

describe("an upgrade check run through stacklog", () => {
  it("becomes check events with severity and inhibitor flag after its command", () => {
    const PATH = replaying("failure.json.txt", 2);
    const r = stacklog(sb, ["run", "--", "keystone-status", "upgrade", "check", "--json"], {
      env: { PATH },
    });
    expect(r.status).toBe(2);
    const events = stacklog(sb, ["log", "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JournalEvent);
    expect(events[0]?.payload.kind).toBe("command");
    const checks = events
      .filter((e) => e.payload.kind === "check")
      .map((e) => e.payload as CheckPayload);
    expect(checks.length).toBeGreaterThanOrEqual(3);
    expect(checks.every((c) => c.name.startsWith("keystone: "))).toBe(true);
    const failed = checks.filter((c) => c.severity === "high");
    expect(failed).toHaveLength(1);
    expect(failed[0]?.inhibitor).toBe(true);
    expect(stacklog(sb, ["log", "--kind", "check"]).stdout).toContain("(inhibitor)");
  });
});
