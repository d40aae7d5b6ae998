import { execFileSync, spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
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
    // the same recording again: refused, nothing stored twice
    const again = stacklog(sb, ["import", "--format", "asciicast", cast]);
    expect(again.status).toBe(5);
    expect(again.stderr).toContain("Recording already imported");
    expect(again.stderr).toContain(`#${events[0]?.seq}`);
    expect(
      stacklog(sb, ["log", "--kind", "command", "--json"]).stdout.trim().split("\n"),
    ).toHaveLength(r.commands);
  });

  it("refuses a file that is not a recording, saying what was expected, and stores nothing", () => {
    const bad = path.join(ROOT, "package.json");
    const r = stacklog(sb, ["import", "--format", "asciicast", bad]);
    expect(r.status).toBe(5);
    expect(r.stderr).toMatch(/stacklog: .*recording|asciicast/i);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(stacklog(sb, ["log", "--json"]).stdout.trim()).toBe("");
  });

  it.each([
    ['{"version": 2, "width": 80, "height": 24, "timestamp": 1700000000', '[0.1, "o", "hi\\r\\n"]'],
    ['{"version": 3, "term": {"cols": 80, "rows": 24}, "timestamp": 1700000000', '[0.1, "x", "1"]'],
  ])("takes the command's line from a header that names it, redacted (%s)", (head, event) => {
    sb.env.OS_PASSWORD = "hunter2";
    const cast = path.join(sb.dir, "named.cast");
    const command = "bash -c 'echo hi; curl -u admin:hunter2 http://keystone; false'";
    writeFileSync(cast, `${head}, "command": ${JSON.stringify(command)}}\n${event}\n`);
    expect(stacklog(sb, ["import", "--format", "asciicast", cast]).status).toBe(0);
    const log = stacklog(sb, ["log"]).stdout;
    expect(log).toContain("$ bash -c 'echo hi; curl -u admin:[REDACTED env:OS_PASSWORD]");
    expect(log).not.toContain("hunter2");
  });

  it("says so when the recording names no command (asciinema 2.2 `rec -c` leaves it out)", () => {
    const cast = path.join(
      ROOT,
      "test",
      "fixtures",
      "asciicast",
      "bash-c-no-prompt-asciinema-2.2.cast",
    );
    const r = stacklog(sb, ["import", "--format", "asciicast", cast]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("Imported 1 command into");
    expect(r.stdout).toContain("names no command");
    expect(r.stdout).toContain("stacklog amend 1");
    const shown = stacklog(sb, ["show", "1"]).stdout;
    expect(shown).toContain("$ (command line not recorded)  status unknown");
    expect(shown).toContain("cwd:    unknown");
    expect(shown).toContain("hi");
  });

  it("hides a password a recorded line sets in later lines and outputs, and summarises Ansible runs", () => {
    const A = "\x1b]133;A\x07$ \x1b]133;B\x07";
    const C = "\x1b]133;C\x07";
    const D = (s: number) => `\x1b]133;D;${s}\x07`;
    const events: [number, string][] = [
      [0.1, A],
      [0.5, `export OS_PASSWORD=RecEnvPw555\r\n${C}`],
      [0.6, `${D(0)}${A}`],
      [1.0, `echo $OS_PASSWORD RecEnvPw555\r\n${C}RecEnvPw555 RecEnvPw555\r\n`],
      [1.1, `${D(0)}${A}`],
      [
        1.5,
        `ansible-playbook -i inventory site.yml\r\n${C}\r\nPLAY [all] ****\r\n\r\nTASK [ping] ****\r\nfatal: [ctl01]: FAILED! => {"msg": "boom"}\r\n\r\nPLAY RECAP ****\r\nctl01 : ok=0 changed=0 unreachable=0 failed=1 skipped=0 rescued=0 ignored=0\r\n`,
      ],
      [2.0, `${D(2)}${A}`],
    ];
    const cast = path.join(sb.dir, "learned.cast");
    writeFileSync(
      cast,
      `${[
        JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1795630000 }),
        ...events.map(([t, d]) => JSON.stringify([t, "o", d])),
      ].join("\n")}\n`,
    );
    const r = stacklogJson<{ commands: number; splitBy: string }>(sb, [
      "import",
      "--format",
      "asciicast",
      cast,
    ]);
    expect(r).toMatchObject({ commands: 3, splitBy: "osc133" });
    const all = stacklog(sb, ["export"]).stdout;
    expect(all).not.toContain("RecEnvPw555");
    expect(stacklog(sb, ["show", "2"]).stdout).toContain("[REDACTED password] [REDACTED password]");
    const playbook = stacklogJson<{ event: JournalEvent }>(sb, ["show", "3"]).event;
    expect(playbook.payload).toMatchObject({
      exitStatus: 2,
      summary: { ansible: { recap: [{ host: "ctl01", failed: 1 }] } },
    });
  });

  it("starts a recording of one command (--event) at that command, not at the journal's start", async () => {
    stacklog(sb, ["run", "--", "true"]);
    await new Promise((r) => setTimeout(r, 1500));
    stacklog(sb, ["run", "--", "bash", "-c", "echo later"]);
    const [, first] = stacklog(sb, ["export", "--format", "asciicast-v2", "--event", "2"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as [number, string, string]);
    expect(first?.[1]).toBe("m");
    expect(first?.[0]).toBeLessThan(1);
  });
});
