import { cpSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { filesUnder, ROOT, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "config snapshots", "--tool", "kolla-ansible"]);
});
afterEach(() => sb.cleanup());

/** Every scalar value of a kolla passwords.yml that is long enough to be hidden. */
function passwordValues(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => /^\s*[\w-]+:\s*(\S.{5,})$/.exec(l)?.[1]?.trim())
    .filter((v): v is string => Boolean(v) && !/^[|>]/.test(v as string));
}

describe("stacklog snapshot config and diff", () => {
  it("snapshots a kolla-ansible tree before and after, shows what changed, and stores no password", () => {
    const etc = path.join(sb.dir, "etc-kolla");
    cpSync(path.join(ROOT, "test", "fixtures", "deploy", "kolla-ansible", "zed"), etc, {
      recursive: true,
    });
    const before = stacklogJson<{
      appended: { stored: { seq: number }[] };
      registeredSecretSources: string[];
      summary: { release: string };
    }>(sb, ["snapshot", "config", etc, "--label", "before"]);
    expect(before.summary.release).toBe("zed");
    expect(before.registeredSecretSources).toEqual([path.join(etc, "passwords.yml")]);
    const zedSecrets = passwordValues(path.join(etc, "passwords.yml"));
    expect(zedSecrets.length).toBeGreaterThan(2);

    cpSync(path.join(ROOT, "test", "fixtures", "deploy", "kolla-ansible", "2023.1"), etc, {
      recursive: true,
      force: true,
    });
    const after = stacklogJson<{ appended: { stored: { seq: number }[] } }>(sb, [
      "snapshot",
      "config",
      etc,
      "--label",
      "after",
    ]);
    const a = String(before.appended.stored[0]?.seq);
    const b = String(after.appended.stored[0]?.seq);
    const text = stacklog(sb, ["diff", a, b]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain("config #1 (before) → #2 (after)");
    expect(text.stdout).toMatch(/release.*zed.*2023\.1/i);

    const secrets = [...zedSecrets, ...passwordValues(path.join(etc, "passwords.yml"))];
    const exported = stacklog(sb, ["export"]).stdout;
    for (const f of filesUnder(sb.home)) {
      const bytes = readFileSync(f, "latin1");
      for (const s of secrets) expect(bytes.includes(s), `${s} in ${f}`).toBe(false);
    }
    for (const s of secrets) expect(exported.includes(s), s).toBe(false);
  });

  it("refuses to diff a snapshot with another kind of event", () => {
    stacklog(sb, ["note", "not a snapshot"]);
    const r = stacklog(sb, ["diff", "1", "1"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("is a note");
  });
});
