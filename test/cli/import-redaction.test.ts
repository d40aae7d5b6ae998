import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import { filesUnder, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// A journal exported from a store that was not told about a secret, imported into one that was:
// the importing store's secrets are hidden on the way in, as in everything else it stores.

const VALUE = "Zq9sTrongValue123";
const sandboxes: Sandbox[] = [];
afterEach(() => {
  for (const s of sandboxes.splice(0)) s.cleanup();
});

describe("import of a JSON export", () => {
  it("hides the importing store's secrets in titles, notes, command lines and output", () => {
    const a = sandbox();
    const b = sandbox();
    sandboxes.push(a, b);
    stacklogJson(a, ["start", "--title", `rotate ${VALUE}`]);
    stacklog(a, ["note", `the new value is ${VALUE}`]);
    // long enough to be stored compressed, with the value in the middle of it
    const r = stacklog(a, ["run", "--", "sh", "-c", `seq 1 300; echo ${VALUE}; seq 301 600`]);
    expect(r.status).toBe(0);
    const file = path.join(a.dir, "journal.json");
    expect(stacklog(a, ["export", "--out", file]).status).toBe(0);
    expect(readFileSync(file, "utf8")).toContain(VALUE);

    const source = path.join(b.dir, "passwords.yml");
    writeFileSync(source, `database_password: ${VALUE}\n`);
    expect(stacklog(b, ["secrets", "add", source]).status).toBe(0);
    const imported = stacklog(b, ["import", file]);
    expect(imported.status, imported.stderr).toBe(0);

    for (const f of filesUnder(b.home))
      expect(readFileSync(f).toString("latin1").includes(VALUE), f).toBe(false);
    const again = stacklog(b, [
      "export",
      "--journal",
      JSON.parse(readFileSync(file, "utf8")).journal.id,
    ]).stdout;
    expect(again).not.toContain(VALUE);
    expect(again).toContain("rotate [REDACTED passwords.yml:database_password]");
    const cmd = stacklog(b, [
      "log",
      "--kind",
      "command",
      "--json",
      "--journal",
      JSON.parse(again).journal.id,
    ])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JournalEvent)[0] as JournalEvent;
    const shown = stacklogJson<{ output: string }>(b, [
      "show",
      String(cmd.seq),
      "--journal",
      JSON.parse(again).journal.id,
    ]).output;
    expect(shown).toContain("\n300\n[REDACTED passwords.yml:database_password]\n301\n");
    expect(shown.startsWith("1\n2\n")).toBe(true);
    expect(shown.endsWith("599\n600\n")).toBe(true);
  });
});
