import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandPayload, JournalEvent } from "../../src/journal/index.js";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { terminal } from "../helpers/terminal.js";

// A full-screen program draws for its terminal's size: the record keeps that size and its
// changes, and an asciicast export replays at them (`r` events), not at 80x24.

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox({ SHELL: "/bin/bash" });
  stacklogJson(sb, ["start", "--title", "sizes"]);
});
afterEach(() => sb.cleanup());

function commands(): CommandPayload[] {
  return stacklog(sb, ["log", "--kind", "command", "--json"])
    .stdout.trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as JournalEvent).payload as CommandPayload);
}

describe("the terminal's size", () => {
  it("is recorded with each command, resizes too, and replayed by the asciicast export", async () => {
    if (spawnSync("asciinema", ["--version"]).status !== 0)
      throw new Error("asciinema is missing: apt-get install asciinema");
    // run in a 160x45 terminal, resized while the command runs
    const t = terminal(sb, ["run", "--", "sh", "-c", "stty size; sleep 1; stty size"], {
      cols: 160,
      rows: 45,
    });
    await t.waitFor("45 160");
    t.pty.resize(100, 30);
    await t.waitFor("30 100");
    await t.exited;
    // a recorded shell at another size
    const s = terminal(sb, ["shell"], { cols: 132, rows: 50 });
    await s.waitFor("recording this shell");
    s.pty.write("stty size\r");
    await s.waitFor("50 132");
    s.pty.write("exit\r");
    await s.exited;

    const [run, sized] = commands();
    expect(run?.size).toEqual({ cols: 160, rows: 45 });
    expect(run?.resizes).toEqual([{ t: expect.any(Number), cols: 100, rows: 30 }]);
    expect(sized?.line).toBe("stty size");
    expect(sized?.size).toEqual({ cols: 132, rows: 50 });

    const file = path.join(sb.dir, "sizes.cast");
    expect(stacklog(sb, ["export", "--format", "asciicast-v2", "--out", file]).status).toBe(0);
    const lines = readFileSync(file, "utf8").trim().split("\n");
    const header = JSON.parse(lines[0] as string);
    expect([header.width, header.height]).toEqual([160, 45]);
    const resizes = lines
      .slice(1)
      .map((l) => JSON.parse(l) as [number, string, string])
      .filter((e) => e[1] === "r")
      .map((e) => e[2]);
    expect(resizes).toEqual(["100x30", "132x50"]);
    // Debian's asciinema reads it (it opens /dev/tty: give it one with script(1))
    const shown = execFileSync("script", ["-q", "-e", "-c", `asciinema cat ${file}`, "/dev/null"], {
      encoding: "utf8",
    });
    expect(shown).toContain("45 160");
  });
});
