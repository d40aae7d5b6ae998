import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import {
  filesUnder,
  loggedEvents,
  NODE_ARGS,
  type Sandbox,
  sandbox,
  spawnStacklog,
  stacklog,
  stacklogJson,
} from "../helpers/cli.js";
import { holdLock } from "../helpers/store-lock.js";
import { programInTerminal } from "../helpers/terminal.js";

// $STACKLOG_USER, $STACKLOG_HOST and $STACKLOG_TERMINAL are whatever the operator set: a value
// of a registered secret source in them is hidden wherever an event names them, as in a note.

const ADMIN = "AdminPw_Zulu_4421";
const CLOUDS = "CloudsPw_Echo_9911";

let sb: Sandbox;
afterEach(() => sb?.cleanup());

/** A store whose operator's user and terminal names hold two registered values. */
function setup(extra: Record<string, string> = {}): void {
  sb = sandbox({ STACKLOG_USER: `u-${ADMIN}`, STACKLOG_TERMINAL: `t-${CLOUDS}`, ...extra });
  const passwords = path.join(sb.dir, "passwords.yml");
  writeFileSync(passwords, `keystone_admin_password: ${ADMIN}\nrabbitmq_password: ${CLOUDS}\n`);
  expect(stacklog(sb, ["secrets", "add", passwords]).status).toBe(0);
  stacklogJson(sb, ["start", "--title", "names that hold secrets"]);
}

/** Every file of the store folder and the spool folders, as bytes on disk. */
function onDisk(): string {
  return [...filesUnder(sb.home), ...filesUnder(path.join(sb.dir, "state"))]
    .map((f) => readFileSync(f).toString("latin1"))
    .join("\n");
}

function expectHidden(text: string): void {
  expect(text).not.toContain(ADMIN);
  expect(text).not.toContain(CLOUDS);
}

function byKind(events: JournalEvent[], kind: string): JournalEvent {
  const e = events.find((x) => x.payload.kind === kind);
  if (!e) throw new Error(`no ${kind} event in ${JSON.stringify(events)}`);
  return e;
}

/** A command's actor, terminal, user and host are the note's, and hold no registered value. */
function expectNamedAsNote(command: JournalEvent, note: JournalEvent): void {
  expect(command.actor).toBe(note.actor);
  expect(command.actor).toMatch(/^u-\[REDACTED [^\]]+\]@deploy$/);
  expect(command.terminal).toBe(note.terminal);
  expect(command.terminal).toMatch(/^t-\[REDACTED [^\]]+\]$/);
  if (command.payload.kind !== "command") throw new Error("not a command");
  expect(`${command.payload.user}@${command.payload.host}`).toBe(note.actor);
}

describe("who ran a command, and where", () => {
  it("is stored redacted by run as note stores it, in the log, the export and the store's files", () => {
    setup();
    const run = stacklog(sb, ["run", "--", "sh", "-c", "echo ran"]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe("ran\n");
    expect(stacklog(sb, ["note", "noted"]).status).toBe(0);

    const events = loggedEvents(sb);
    expectNamedAsNote(byKind(events, "command"), byKind(events, "note"));
    const log = stacklog(sb, ["log"]).stdout;
    expect(log).toContain("u-[REDACTED");
    expectHidden(log);
    expectHidden(stacklog(sb, ["export"]).stdout);
    expectHidden(onDisk());
  });

  it("is redacted in the spool while the store is locked, and once stored from it", async () => {
    setup({ STACKLOG_BUSY_TIMEOUT_MS: "200" });
    const release = await holdLock(path.join(sb.home, "stacklog.db"));
    try {
      // long enough for its start to be written before its end
      const run = stacklog(sb, ["run", "--", "sh", "-c", "sleep 0.3; echo spooled-run"]);
      expect(run.status).toBe(0);
      expect(run.stderr).toContain("store unavailable");
      const spooled = onDisk();
      expect(spooled).toContain('"type":"running"');
      expect(spooled).toContain("u-[REDACTED");
      expectHidden(spooled);
    } finally {
      await release();
    }
    expect(stacklog(sb, ["note", "noted"]).status).toBe(0);
    const events = loggedEvents(sb);
    expectNamedAsNote(byKind(events, "command"), byKind(events, "note"));
    expect(readdirSync(path.join(sb.home, "spool"))).toEqual([]);
    expectHidden(stacklog(sb, ["export"]).stdout);
  });

  it("is stored redacted from a hook-mode shell's lines", async () => {
    setup();
    const stacklogCmd = `node ${NODE_ARGS.join(" ")}`;
    const { pty, waitFor, exited } = programInTerminal(sb, "/bin/bash", ["--norc", "-i"], {
      env: { PS1: "$ " },
      cols: 120,
    });
    pty.write(`eval "$(${stacklogCmd} hook bash)"; echo hooked\r`);
    await waitFor("hooked\r\n");
    pty.write("echo hook-command\r");
    await waitFor("hook-command\r\n");
    pty.write("exit\r");
    await exited;

    expect(stacklog(sb, ["note", "noted"]).status).toBe(0);
    const events = loggedEvents(sb);
    const command = events.find(
      (e) => e.payload.kind === "command" && e.payload.line === "echo hook-command",
    );
    if (!command) throw new Error(`no hook command in ${JSON.stringify(events)}`);
    expectNamedAsNote(command, byKind(events, "note"));
    expectHidden(stacklog(sb, ["export"]).stdout);
  });
});

describe("names that hold a registered value, elsewhere", () => {
  it("are hidden in the phase end that finish writes", () => {
    setup();
    expect(stacklog(sb, ["phase", "upgrade"]).status).toBe(0);
    expect(stacklog(sb, ["finish", "--status", "completed"]).status).toBe(0);
    const ended = loggedEvents(sb).find(
      (e) => e.payload.kind === "phase" && e.payload.action === "end",
    );
    expect(ended?.actor).toMatch(/^u-\[REDACTED [^\]]+\]@deploy$/);
    expectHidden(onDisk());
  });

  it("in the host name still let status find a crashed command of this host", async () => {
    setup({ STACKLOG_HOST: `h-${ADMIN}` });
    const child = spawnStacklog(sb, ["run", "--", "sleep", "30"], {
      stdio: ["ignore", "ignore", "ignore"],
    });
    const start = Date.now();
    while (stacklogJson<{ running: unknown[] }>(sb, ["status"]).running.length === 0) {
      if (Date.now() - start > 10_000) throw new Error("the command never showed as running");
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    const st = stacklogJson<{ interruptedNow: number; running: unknown[] }>(sb, ["status"]);
    expect(st.interruptedNow).toBe(1);
    expect(st.running).toEqual([]);
    expectHidden(onDisk());
  });
});

describe("names that hold a registered value, in an import", () => {
  it("are hidden in the commands an asciicast import records", () => {
    setup();
    const cast = path.join(sb.dir, "rec.cast");
    writeFileSync(
      cast,
      `${JSON.stringify({ version: 2, width: 80, height: 24, timestamp: 1795600000 })}\n${JSON.stringify([0.1, "o", "$ echo imported\r\nimported\r\n"])}\n`,
    );
    const r = stacklog(sb, ["import", "--format", "asciicast", cast]);
    expect(r.status).toBe(0);
    const imported = loggedEvents(sb).filter((e) => e.payload.kind === "command");
    expect(imported.length).toBeGreaterThan(0);
    for (const e of imported) expect(e.actor).toMatch(/^u-\[REDACTED [^\]]+\]@deploy$/);
    expectHidden(onDisk());
  });
});
