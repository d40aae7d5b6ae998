import { execFileSync } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import {
  loggedEvents,
  ROOT,
  type Sandbox,
  sandbox,
  stacklog,
  stacklogJson,
} from "../helpers/cli.js";
import { holdLock } from "../helpers/store-lock.js";
import { terminal } from "../helpers/terminal.js";
import { mountTmpfs } from "../helpers/tmpfs.js";

let sb: Sandbox;
const mounts: string[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) execFileSync("umount", ["-l", m]);
  sb?.cleanup();
});

/** A real small filesystem for the store, so that "full" and "read-only" are the kernel's word. */
function tmpfsHome(sizeKb: number): void {
  mountTmpfs(sb.home, sizeKb, mounts);
}

function commands(): JournalEvent[] {
  return loggedEvents(sb, ["--kind", "command"]);
}

function runThroughTrouble(): void {
  const r = stacklog(sb, ["run", "--", "bash", "-c", "echo through-trouble; exit 7"]);
  expect(r.status).toBe(7);
  expect(r.stdout).toBe("through-trouble\n");
  const lines = r.stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^stacklog: store unavailable \(.+\); this command's record is kept in the spool/,
  );
  const note = stacklog(sb, ["note", "noted while the store was down"]);
  expect(note.status).toBe(0);
  expect(note.stderr).toMatch(/kept in .*spool/);
}

function expectStoredLater(): void {
  const st = stacklogJson<{ store: { ok: boolean }; spooled: number; drained: number }>(sb, [
    "status",
  ]);
  expect(st.store.ok).toBe(true);
  expect(st.drained).toBeGreaterThanOrEqual(3);
  expect(st.spooled).toBe(0);
  const cmd = commands().find(
    (e) => e.payload.kind === "command" && e.payload.line.includes("through-trouble"),
  );
  expect(cmd?.payload).toMatchObject({ exitStatus: 7 });
  const shown = stacklog(sb, ["show", String(cmd?.seq)]);
  expect(shown.stdout).toContain("through-trouble");
  const log = stacklog(sb, ["log"]).stdout;
  expect(log).toContain("noted while the store was down");
}

describe("when the store cannot be written, the command still runs and its record waits in the spool", () => {
  it("survives a read-only filesystem", () => {
    sb = sandbox();
    tmpfsHome(8192);
    stacklogJson(sb, ["start", "--title", "read-only"]);
    execFileSync("mount", ["-o", "remount,ro", sb.home]);
    runThroughTrouble();
    const down = stacklog(sb, ["status", "--json"]);
    expect(down.status, "status exits with the store problem's status").toBe(4);
    const st = JSON.parse(down.stdout) as { store: { ok: boolean }; spooled: number };
    expect(st.store.ok).toBe(false);
    expect(st.spooled).toBeGreaterThanOrEqual(3);
    execFileSync("mount", ["-o", "remount,rw", sb.home]);
    expectStoredLater();
  });

  it("survives a full disk", () => {
    sb = sandbox();
    tmpfsHome(1024);
    stacklogJson(sb, ["start", "--title", "disk full"]);
    try {
      execFileSync("dd", ["if=/dev/zero", `of=${path.join(sb.home, "filler")}`, "bs=64k"], {
        stdio: "ignore",
      });
    } catch {
      // dd stops with "No space left on device": that is the point
    }
    const r = stacklog(sb, [
      "run",
      "--",
      "bash",
      "-c",
      "seq 1 200000 | tail -1; echo through-trouble; exit 7",
    ]);
    expect(r.status).toBe(7);
    expect(r.stdout).toBe("200000\nthrough-trouble\n");
    expect(r.stderr).toContain("store unavailable");
    expect(stacklog(sb, ["note", "noted while the store was down"]).status).toBe(0);
    rmSync(path.join(sb.home, "filler"));
    const st = stacklogJson<{ drained: number }>(sb, ["status"]);
    expect(st.drained).toBeGreaterThanOrEqual(2);
    const cmd = commands().find(
      (e) => e.payload.kind === "command" && e.payload.line.includes("through-trouble"),
    );
    expect(cmd?.payload).toMatchObject({ exitStatus: 7 });
    expect(stacklog(sb, ["show", String(cmd?.seq)]).stdout).toContain("200000");
  });

  it("survives a store locked by another process", async () => {
    sb = sandbox({ STACKLOG_BUSY_TIMEOUT_MS: "300" });
    stacklogJson(sb, ["start", "--title", "locked"]);
    const release = await holdLock(path.join(sb.home, "stacklog.db"));
    try {
      runThroughTrouble();
    } finally {
      await release();
    }
    expectStoredLater();
  });

  it("survives a corrupt database file, and stores the record once the file is replaced", () => {
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "corrupt"]);
    const db = path.join(sb.home, "stacklog.db");
    renameSync(db, `${db}.good`);
    writeFileSync(db, Buffer.alloc(64 * 1024, 0x5a));
    runThroughTrouble();
    const st = stacklog(sb, ["status"]);
    expect(st.status).toBe(4);
    expect(st.stdout).toContain("UNAVAILABLE");
    expect(st.stdout).toMatch(/spooled: +\d+ record/);
    const bad = stacklog(sb, ["log"]);
    expect(bad.status).toBe(4);
    expect(bad.stderr).toContain("Store corrupt");
    expect(bad.stderr).toContain("what to do:");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    for (const ext of ["", "-wal", "-shm"]) rmSync(`${db}${ext}`, { force: true });
    renameSync(`${db}.good`, db);
    expectStoredLater();
  });

  it("survives a store whose pages are corrupt though the file opens", () => {
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "corrupt pages"]);
    for (let i = 0; i < 3; i++) stacklog(sb, ["note", `filler ${i} ${"x".repeat(6000)}`]);
    const db = path.join(sb.home, "stacklog.db");
    sqlite(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    copyFileSync(db, `${db}.good`);
    const fd = openSync(db, "r+");
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 12288);
    closeSync(fd);
    runThroughTrouble();
    const st = stacklog(sb, ["status"]);
    expect(st.status).toBe(4);
    expect(st.stdout).toContain("UNAVAILABLE");
    expect(st.stdout).toMatch(/spooled: +\d+ record/);
    for (const ext of ["", "-wal", "-shm"]) rmSync(`${db}${ext}`, { force: true });
    renameSync(`${db}.good`, db);
    expectStoredLater();
  });

  it("keeps the record of a command whose current journal is not in the store (the store moved aside)", () => {
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "moved aside"]);
    const db = path.join(sb.home, "stacklog.db");
    sqlite(db, "PRAGMA wal_checkpoint(TRUNCATE)");
    renameSync(db, `${db}.aside`);
    for (const ext of ["-wal", "-shm"]) rmSync(`${db}${ext}`, { force: true });
    const r = stacklog(sb, ["run", "--", "bash", "-c", "echo through-trouble; exit 7"]);
    expect(r.status).toBe(7);
    expect(r.stderr).toMatch(/current journal \S+ is not in the store .*waits in the spool/);
    const note = stacklog(sb, ["note", "noted while the store was aside"]);
    expect(note.status, note.stderr).toBe(0);
    expect(note.stderr).toMatch(/current journal is not in the store .*kept in .*spool/);
    const st = stacklog(sb, ["status"]);
    expect(st.status, st.stderr).toBe(0);
    expect(st.stdout).toMatch(/\(the current one\) is not in this store/);
    expect(st.stdout).toMatch(/spooled: +\d+ record/);
    for (const ext of ["", "-wal", "-shm"]) rmSync(`${db}${ext}`, { force: true });
    renameSync(`${db}.aside`, db);
    const back = stacklogJson<{ drained: number; spooled: number }>(sb, ["status"]);
    expect(back.drained).toBeGreaterThanOrEqual(1);
    expect(back.spooled).toBe(0);
    const cmd = commands().find(
      (e) => e.payload.kind === "command" && e.payload.line.includes("through-trouble"),
    );
    expect(cmd?.payload).toMatchObject({ exitStatus: 7 });
    expect(stacklog(sb, ["log"]).stdout).toContain("noted while the store was aside");
  });

  it("does not hold up a command while another process keeps the store locked", async () => {
    // No STACKLOG_BUSY_TIMEOUT_MS: what an operator gets. A write that would wait seconds for
    // the lock would freeze the command's output; the record goes to the spool instead.
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "locked for long"]);
    const release = await holdLock(path.join(sb.home, "stacklog.db"));
    let wall = 0;
    try {
      const t0 = Date.now();
      const r = stacklog(sb, [
        "run",
        "--",
        "bash",
        "-c",
        "for i in 1 2 3 4 5; do echo tick; sleep 0.2; done; exit 3",
      ]);
      wall = Date.now() - t0;
      expect(r.status).toBe(3);
      expect(r.stdout).toBe("tick\n".repeat(5));
      expect(r.stderr).toMatch(/store unavailable .*locked.*kept in the spool/);
    } finally {
      await release();
    }
    // a 1 s command; waiting 5 s per write, as other verbs do, took 15 s and more
    expect(wall).toBeLessThan(4000);
    stacklogJson(sb, ["status"]);
    const cmd = commands().find((e) => e.payload.kind === "command");
    expect(cmd?.payload).toMatchObject({ exitStatus: 3 });
    const ms = cmd?.payload.kind === "command" ? (cmd.payload.durationMs ?? 0) : 0;
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(2500);
  });
});

describe("a recorded shell whose store another process keeps locked", () => {
  it("goes on at the operator's pace, keeps true durations, and stores the commands later", async () => {
    sb = sandbox({ SHELL: "/bin/bash" });
    stacklogJson(sb, ["start", "--title", "locked shell"]);
    const t = terminal(sb, ["shell"]);
    await t.waitFor("recording this shell");
    await t.waitFor("\x1b]133;B");
    const release = await holdLock(path.join(sb.home, "stacklog.db"));
    const took: number[] = [];
    try {
      for (const n of [1, 2, 3]) {
        const t0 = Date.now();
        t.pty.write(`echo locked-${n}-$((${n} * 11))\r`);
        await t.waitFor(`locked-${n}-${n * 11}\r\n`);
        await t.waitFor(new RegExp(`locked-${n}-${n * 11}\\r\\n[\\s\\S]*\\[rec\\] `));
        took.push(Date.now() - t0);
      }
    } finally {
      await release();
    }
    // waiting 5 s per write, as other verbs may, froze the shell for 15 s and more
    expect(Math.max(...took)).toBeLessThan(2000);
    // the warning keeps to lines of its own in the raw terminal
    expect(t.screen()).toMatch(/\r\nstacklog: store unavailable \([^\n]*\r\n/);
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    const cmds = commands().filter((e) => e.payload.kind === "command");
    for (const n of [1, 2, 3]) {
      const c = cmds.find(
        (e) => e.payload.kind === "command" && e.payload.line.includes(`locked-${n}`),
      );
      expect(c?.payload).toMatchObject({ exitStatus: 0 });
      const ms = c?.payload.kind === "command" ? (c.payload.durationMs ?? 0) : -1;
      expect(ms).toBeLessThan(200);
    }
  });
});

/** Runs one SQL statement on the database with better-sqlite3, in a process of its own. */
function sqlite(db: string, sql: string): void {
  execFileSync(process.execPath, [
    "-e",
    `const D = require(${JSON.stringify(path.join(ROOT, "node_modules", "better-sqlite3"))});
     const db = new D(${JSON.stringify(db)}); db.exec(${JSON.stringify(sql)}); db.close();`,
  ]);
}
