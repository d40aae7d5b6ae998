import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { type IPty, spawn } from "node-pty";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandPayload } from "../../src/journal/index.js";
import { builtEntry, loggedEvents, type Sandbox, sandbox, stacklogJson } from "../helpers/cli.js";

// Ctrl-Z, `fg` and Ctrl-C in the operator's own interactive bash, around `stacklog run`: the job
// stops and the prompt comes back as it does for the command alone.

const PROMPT = "READY> ";
let sb: Sandbox;
let shell: OperatorShell | null = null;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "job control"]);
});
afterEach(() => {
  shell?.pty.kill("SIGKILL");
  shell = null;
  sb.cleanup();
});

interface OperatorShell {
  pty: IPty;
  screen(): string;
  /** Waits for `text` on the screen after what was there when `from` was taken. */
  waitFor(text: string | RegExp, from?: number, timeoutMs?: number): Promise<void>;
  /** Types `line` and Enter, and waits for the next prompt. */
  type(line: string): Promise<void>;
}

/** An interactive shell in a terminal; dash keeps no terminal modes of its own, bash does. */
function operatorShell(shell: "bash" | "dash" = "bash"): OperatorShell {
  const args = shell === "bash" ? ["--norc", "--noprofile", "-i"] : ["-i"];
  const pty = spawn(shell, args, {
    cols: 120,
    rows: 30,
    cwd: sb.dir,
    env: { ...sb.env, TERM: "xterm-256color", PS1: PROMPT },
  });
  let text = "";
  pty.onData((d) => {
    text += d;
  });
  const waitFor = async (want: string | RegExp, from = 0, timeoutMs = 20_000) => {
    const start = Date.now();
    const seen = () => {
      const t = text.slice(from);
      return typeof want === "string" ? t.includes(want) : want.test(t);
    };
    while (!seen()) {
      if (Date.now() - start > timeoutMs)
        throw new Error(`the terminal never showed ${want}; it showed:\n${text.slice(from)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return {
    pty,
    screen: () => text,
    waitFor,
    type: async (line) => {
      const from = text.length;
      pty.write(`${line}\r`);
      await waitFor(PROMPT, from);
    },
  };
}

/** A process's state letter, parent and name from /proc (null once it is gone). */
function stat(pid: number): { state: string; ppid: number; comm: string } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    const comm = text.slice(text.indexOf("(") + 1, text.lastIndexOf(")"));
    const [state = "", ppid = ""] = text.slice(text.lastIndexOf(")") + 2).split(" ");
    return { state, ppid: Number(ppid), comm };
  } catch {
    return null;
  }
}

function childrenOf(ppid: number): number[] {
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => stat(pid)?.ppid === ppid);
}

async function until<T>(what: string, probe: () => T | null | undefined, timeoutMs = 20_000) {
  const start = Date.now();
  for (;;) {
    const value = probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Types `stacklog run -- sleep N` at the prompt; resolves with stacklog's and sleep's pids. */
async function startSleep(
  t: OperatorShell,
  seconds = 30,
): Promise<{ stacklog: number; sleep: number }> {
  t.pty.write(`${process.execPath} ${builtEntry()} run -- sleep ${seconds}\r`);
  const stacklog = await until("stacklog to start", () =>
    childrenOf(t.pty.pid).find((pid) => stat(pid)?.comm === "node"),
  );
  const sleep = await until("sleep to start", () =>
    childrenOf(stacklog).find((pid) => stat(pid)?.comm === "sleep"),
  );
  return { stacklog, sleep };
}

/** `fg`, then Ctrl-C once the command runs again; resolves with the status the shell saw. */
async function resumeAndInterrupt(t: OperatorShell, sleep: number): Promise<string> {
  const from = t.screen().length;
  t.pty.write("fg\r");
  await t.waitFor("sleep 30", from);
  await until("sleep to run again", () => stat(sleep)?.state === "S");
  // stacklog takes the terminal back as it continues: Ctrl-C reaches it as a byte then
  await new Promise((r) => setTimeout(r, 300));
  t.pty.write("\x03");
  await t.waitFor(PROMPT, from);
  const before = t.screen().length;
  await t.type("echo status=$?");
  return /status=(\d+)/.exec(t.screen().slice(before))?.[1] ?? "none";
}

function recorded(): CommandPayload {
  const [event] = loggedEvents(sb, ["--kind", "command"]);
  return event?.payload as CommandPayload;
}

describe("stacklog run under the operator's job control", () => {
  it.each(["bash", "dash"] as const)(
    "stops with Ctrl-Z, giving %s the prompt back, and goes on with fg",
    async (name) => {
      const t = operatorShell(name);
      shell = t;
      await t.waitFor(PROMPT);
      await t.type("stty -g > before.txt");
      const { sleep } = await startSleep(t);

      const from = t.screen().length;
      t.pty.write("\x1a");
      await t.waitFor(/Stopped\s+\S*node/, from);
      await t.waitFor(PROMPT, from);
      const stoppedAt = Date.now();
      expect(stat(sleep)?.state).toBe("T");
      // the shell has its terminal back as it was, not raw (bash would put back its own)
      await t.type("stty -g > during.txt");
      expect(readFileSync(path.join(sb.dir, "during.txt"), "utf8")).toBe(
        readFileSync(path.join(sb.dir, "before.txt"), "utf8"),
      );
      // the window changes while stacklog is stopped (its SIGWINCH goes to the shell)
      t.pty.resize(90, 25);
      await new Promise((r) => setTimeout(r, 1000));

      const stoppedFor = Date.now() - stoppedAt;
      expect(await resumeAndInterrupt(t, sleep)).toBe("130");
      expect(recorded()).toMatchObject({
        line: "sleep 30",
        exitStatus: 130,
        signal: "SIGINT",
        size: { cols: 120, rows: 30 },
        resizes: [{ cols: 90, rows: 25 }],
      });
      expect(recorded().durationMs).toBeGreaterThanOrEqual(stoppedFor);
    },
  );

  it("runs on in the background after Ctrl-Z and bg, and ends there", async () => {
    const t = operatorShell();
    shell = t;
    await t.waitFor(PROMPT);
    const { stacklog, sleep } = await startSleep(t, 2);
    const from = t.screen().length;
    t.pty.write("\x1a");
    await t.waitFor(/Stopped\s+\S*node/, from);
    await t.waitFor(PROMPT, from);

    await t.type("bg");
    expect(stat(sleep)?.state).not.toBe("T");
    await t.type("echo the prompt is free");
    // it ends in the background: not stopped again on the way out
    await until("stacklog to end", () => stat(stacklog) === null || stat(stacklog)?.state === "Z");
    const before = t.screen().length;
    await t.type("wait %1; echo status=$?");
    expect(t.screen().slice(before)).toContain("status=0");
    expect(recorded()).toMatchObject({ line: "sleep 2", exitStatus: 0 });
  });

  it("stops the command and itself when sent SIGTSTP, and goes on with fg", async () => {
    const t = operatorShell();
    shell = t;
    await t.waitFor(PROMPT);
    const { stacklog, sleep } = await startSleep(t);

    const from = t.screen().length;
    process.kill(stacklog, "SIGTSTP");
    await t.waitFor(/Stopped\s+\S*node/, from);
    await t.waitFor(PROMPT, from);
    expect(stat(sleep)?.state).toBe("T");

    expect(await resumeAndInterrupt(t, sleep)).toBe("130");
    expect(recorded()).toMatchObject({ line: "sleep 30", exitStatus: 130 });
  });
});
