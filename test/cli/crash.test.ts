import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import { type Sandbox, sandbox, spawnStacklog, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
afterEach(() => sb.cleanup());

describe("kill -9 of stacklog in the middle of a run", () => {
  it("keeps every event written before, leaves a store that opens, and status tells the truth", async () => {
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "crash"]);
    stacklog(sb, ["phase", "before"]);
    stacklog(sb, ["note", "written before the crash"]);
    const marker = `crash-marker-${process.pid}-${Date.now()}`;
    const child = spawnStacklog(
      sb,
      ["run", "--", "bash", "-c", `echo started; seq 1 5000; echo ${marker} >/dev/null; sleep 30`],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let seen = "";
    await new Promise<void>((resolve) => {
      child.stdout?.on("data", (d: Buffer) => {
        seen += d.toString();
        if (seen.includes("5000\n")) resolve();
      });
    });
    // let the capture's coalescing interval pass so the output reaches the store
    await new Promise((r) => setTimeout(r, 600));
    const running = stacklogJson<{ running: { line: string }[] }>(sb, ["status"]);
    expect(running.running.map((r) => r.line).join()).toContain("echo started");
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    try {
      execFileSync("pkill", ["-f", marker]);
    } catch {
      // the orphaned command may already be gone
    }

    const db = new Database(path.join(sb.home, "stacklog.db"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();

    const st = stacklogJson<{ store: { ok: boolean }; interruptedNow: number; running: unknown[] }>(
      sb,
      ["status"],
    );
    expect(st.store.ok).toBe(true);
    expect(st.interruptedNow).toBe(1);
    expect(st.running).toEqual([]);
    const events = stacklog(sb, ["log", "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JournalEvent);
    expect(events.map((e) => e.payload.kind)).toEqual(["phase", "note", "command"]);
    const cmd = events[2] as JournalEvent;
    expect(cmd.payload).toMatchObject({ interrupted: true, exitStatus: null });
    const shown = stacklog(sb, ["show", String(cmd.seq)]).stdout;
    expect(shown).toContain("started");
    // all of it, to the last line printed before the command paused: the redactor gives back
    // the tail it holds (a secret may straddle it) once the output pauses
    expect(shown).toContain("\n4999\n5000\n");
    expect(stacklogJson<{ interruptedNow: number }>(sb, ["status"]).interruptedNow).toBe(0);
  });
});
