import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import { ROOT, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "recordings"]);
});
afterEach(() => sb.cleanup());

function requireAsciinema(): void {
  if (spawnSync("asciinema", ["--version"]).status !== 0)
    throw new Error("asciinema is missing: apt-get install asciinema");
}

describe("asciicast from and to the command line", () => {
  it("exports a journal that Debian's asciinema reads, with every command's output", () => {
    requireAsciinema();
    stacklog(sb, ["run", "--", "bash", "-c", "echo first-output"]);
    stacklog(sb, ["run", "--", "bash", "-c", "echo second-output; exit 2"]);
    const file = path.join(sb.dir, "journal.cast");
    expect(stacklog(sb, ["export", "--format", "asciicast-v2", "--out", file]).status).toBe(0);
    // asciinema opens /dev/tty: give it one with script(1)
    const shown = execFileSync("script", ["-q", "-e", "-c", `asciinema cat ${file}`, "/dev/null"], {
      encoding: "utf8",
    });
    expect(shown).toContain("first-output");
    expect(shown).toContain("second-output");
    expect(shown).toContain("bash -c 'echo second-output; exit 2'");
  });

  it("imports a real asciinema recording as command events, redacting on the way in", () => {
    const cast = path.join(ROOT, "test", "fixtures", "asciicast", "bash-osc133-asciinema-2.2.cast");
    // pretend a word of the recording is the operator's password
    sb.env.OS_PASSWORD = "nonexistent-dir";
    const r = stacklogJson<{ commands: number; splitBy: string }>(sb, [
      "import",
      "--format",
      "asciicast",
      cast,
    ]);
    expect(r.splitBy).toBe("osc133");
    expect(r.commands).toBeGreaterThan(2);
    const events = stacklog(sb, ["log", "--kind", "command", "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JournalEvent);
    expect(events).toHaveLength(r.commands);
    expect(events.every((e) => e.payload.kind === "command" && e.payload.mode === "import")).toBe(
      true,
    );
    const ls = events.find(
      (e) => e.payload.kind === "command" && e.payload.exitStatus === 2,
    ) as JournalEvent;
    const shown = stacklog(sb, ["show", String(ls.seq)]).stdout;
    expect(shown).toContain("ls /[REDACTED env:OS_PASSWORD]");
    expect(shown).toContain("cannot access");
    expect(shown).not.toContain("nonexistent-dir");
  });

  it("refuses a file that is not a recording, saying what was expected, and stores nothing", () => {
    const bad = path.join(ROOT, "package.json");
    const r = stacklog(sb, ["import", "--format", "asciicast", bad]);
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/stacklog: .*recording|asciicast/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(stacklog(sb, ["log", "--json"]).stdout.trim()).toBe("");
  });
});
