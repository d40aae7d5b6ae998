import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  filesUnder,
  loggedEvents,
  type Sandbox,
  sandbox,
  stacklog,
  stacklogJson,
} from "../helpers/cli.js";
import { holdLock } from "../helpers/store-lock.js";
import { terminal } from "../helpers/terminal.js";

// A command whose record goes to the spool (the store locked) and whose stacklog is killed:
// the spool holds its start before its output, so it is recorded as interrupted, as it is when
// the store takes the record.

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const spooled = (): string =>
  filesUnder(path.join(sb.home, "spool"))
    .map((f) => readFileSync(f, "utf8"))
    .join("");

async function until(what: string, ok: () => boolean): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > 20_000) throw new Error(`never: ${what}\n${spooled()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("kill -9 of a run whose record goes to the spool", () => {
  it("records the command as interrupted with the output it printed, not output alone", async () => {
    sb = sandbox({ STACKLOG_BUSY_TIMEOUT_MS: "200" });
    stacklogJson(sb, ["start", "--title", "spooled crash"]);
    const release = await holdLock(path.join(sb.home, "stacklog.db"));
    const t = terminal(sb, [
      "run",
      "--",
      "sh",
      "-c",
      "for i in $(seq 200); do echo line-$i; sleep .05; done",
    ]);
    try {
      await t.waitFor("store unavailable");
      await until("output spooled", () => spooled().includes("line-1"));
      process.kill(t.pty.pid, "SIGKILL");
      await t.exited;
    } finally {
      await release();
    }

    const st = stacklogJson<{ drained: number; interruptedNow: number; spooled: number }>(sb, [
      "status",
    ]);
    expect(st).toMatchObject({ interruptedNow: 1, spooled: 0 });
    expect(st.drained).toBeGreaterThan(1);
    const commands = loggedEvents(sb, ["--kind", "command"]);
    expect(commands).toHaveLength(1);
    expect(commands[0]?.payload).toMatchObject({
      line: "sh -c 'for i in $(seq 200); do echo line-$i; sleep .05; done'",
      interrupted: true,
      exitStatus: null,
    });
    const shown = stacklog(sb, ["show", String(commands[0]?.seq)]).stdout;
    expect(shown).toContain("line-1\r\n");
    expect(stacklog(sb, ["log"]).stdout).toContain("interrupted");
  });
});
