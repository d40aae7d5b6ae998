import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as pty from "node-pty";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportCast, importCast } from "./index.js";
import type { CastInput } from "./types.js";

// Debian 12 ships asciinema 2.2, which records, plays and cats asciicast v1/v2 only (it rejects v3
// with "only asciicast v1 and v2 formats can be opened"), has no --headless, and opens /dev/tty in
// `cat`/`play`: recordings run under node-pty, cat/play under util-linux `script`. Our v3 output is
// checked against the spec in export-cast.test.ts and round-trip.test.ts.

function requireTool(cmd: string, args: string[], pkg: string): string {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  if (r.error || r.status !== 0) {
    throw new Error(`\`${cmd}\` is needed for this test and did not run: apt-get install ${pkg}`);
  }
  return r.stdout;
}

let dir = "";
beforeEach(() => {
  requireTool("asciinema", ["--version"], "asciinema");
  requireTool("script", ["--version"], "bsdutils");
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-asciicast-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Session {
  /** The shell recorded (`bash --norc -i` when absent). */
  shell?: string;
  env: Record<string, string>;
  /** Text whose appearance means the shell waits for input. */
  ready: string;
}

const MARKED: Session = {
  ready: "\x1b]133;B\x07",
  env: {
    PS1: "\\[\\e]133;A\\a\\]\\w\\$ \\[\\e]133;B\\a\\]",
    PS0: "\\e]133;C\\a",
    PROMPT_COMMAND: `printf '\\e]133;D;%s\\a\\e]7;file://%s%s\\a' "$?" "$HOSTNAME" "$PWD"`,
  },
};
const PLAIN: Session = { ready: "stacklog$ ", env: { PS1: "stacklog$ " } };

/** Keys to send: a string is typed at once, an array key by key (each waiting for its echo). */
type Keys = string | string[];
/** Keys typed once the shell is ready, or once `after` shows again (at once when it is null). */
type Step = Keys | { keys: Keys; after: string | null };
const KEYS: Step[] = [
  "echo hello\r",
  "ls /nonexistent-dir\r",
  "cd /tmp\r",
  "printf 'a\\nb\\n'\r",
  [..."echo aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd", "\r"],
  [..."echo abcx", "\x7f", ..."d\r"],
  "exit 3\r",
];
const LINES = [
  "echo hello",
  "ls /nonexistent-dir",
  "cd /tmp",
  "printf 'a\\nb\\n'",
  "echo aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd",
  "echo abcd",
  "exit 3",
];

/** Records an interactive shell with `asciinema rec`, typing `steps` (KEYS by default). */
async function record(session: Session, file: string, steps: Step[] = KEYS): Promise<void> {
  const shell = session.shell ?? "bash --norc -i";
  const term = pty.spawn("asciinema", ["rec", "-q", "-c", shell, file], {
    cols: 40,
    rows: 24,
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: dir,
      TERM: "xterm-256color",
      SHELL: "/bin/bash",
      HISTFILE: "/dev/null",
      ASCIINEMA_CONFIG_HOME: path.join(dir, "config"),
      ...session.env,
    },
  });
  let out = "";
  let waiter: (() => void) | null = null;
  let waitFor: (s: string) => boolean = () => false;
  term.onData((d) => {
    out += d;
    if (waiter && waitFor(out)) {
      const w = waiter;
      waiter = null;
      w();
    }
  });
  const until = (pred: (s: string) => boolean) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`shell stalled; output: ${JSON.stringify(out)}`)),
        20_000,
      );
      waitFor = pred;
      waiter = () => {
        clearTimeout(timer);
        resolve();
      };
      if (pred(out)) waiter();
    });
  const exited = new Promise<void>((resolve) => term.onExit(() => resolve()));
  const shown = (s: string, text: string) => s.split(text).length - 1;
  const seen = new Map<string, number>();
  for (const step of steps) {
    const { keys, after } =
      typeof step === "object" && !Array.isArray(step)
        ? step
        : { keys: step, after: session.ready };
    if (after !== null) {
      await until((s) => shown(s, after) > (seen.get(after) ?? 0));
      seen.set(after, shown(out, after));
    }
    for (const key of typeof keys === "string" ? [keys] : keys) {
      const before = out.length;
      term.write(key);
      if (typeof keys !== "string" && key !== "\r") await until((s) => s.length > before);
    }
  }
  await exited;
}

/** Runs an asciinema verb that needs a terminal, under `script`. */
function underTty(command: string): { status: number | null; out: string } {
  const r = spawnSync("script", ["-q", "-e", "-c", command, "/dev/null"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ASCIINEMA_CONFIG_HOME: path.join(dir, "config") },
    timeout: 30_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}`.replace(/\r/g, "") };
}

describe("recordings made by Debian's asciinema", () => {
  it("splits a bash session with OSC 133 marks into its commands, statuses and cwds", async () => {
    const file = path.join(dir, "marked.cast");
    await record(MARKED, file);
    const r = importCast(fs.readFileSync(file), { sourceName: file });
    expect(r.version).toBe(2);
    expect(r.splitBy).toBe("osc133");
    expect(r.commands.map((c) => c.line)).toEqual(LINES);
    expect(r.commands.map((c) => c.exitStatus)).toEqual([0, 2, 0, 0, 0, 0, null]);
    expect(r.commands.map((c) => c.cwd)).toEqual([dir, dir, dir, "/tmp", "/tmp", "/tmp", "/tmp"]);
    const text = r.commands.map((c) => c.output.map((o) => o.data).join(""));
    expect(text[0]).toBe("hello\r\n");
    expect(text[1]).toContain("No such file or directory");
    expect(text[3]).toBe("a\r\nb\r\n");
    expect(text[5]).toBe("abcd\r\n");
    expect(r.warnings.join("\n")).toContain('"exit 3" has no end mark');
  });

  it("splits a bash session without marks at its prompts", async () => {
    const file = path.join(dir, "plain.cast");
    await record(PLAIN, file);
    const r = importCast(fs.readFileSync(file), { sourceName: file });
    expect(r.splitBy).toBe("prompt");
    expect(r.commands.map((c) => c.line)).toEqual(LINES);
    expect(r.commands.every((c) => c.exitStatus === null)).toBe(true);
    const text = r.commands.map((c) => c.output.map((o) => o.data).join(""));
    expect(text[0]).toContain("hello\r\n");
    expect(text[0]).not.toContain("stacklog$");
    expect(text[3]).toContain("a\r\nb\r\n");
  });

  it("splits bash at its prompts across multi-line commands, a full-screen program and type-ahead", async () => {
    requireTool("vim", ["--version"], "vim");
    const file = path.join(dir, "bash-hard.cast");
    await record(PLAIN, file, [
      "for i in 1 2; do\r",
      { keys: "echo r$i\r", after: "> " },
      { keys: "done\r", after: "> " },
      "echo a \\\r",
      { keys: "  b\r", after: "> " },
      "printf partial\r",
      "vim -u NONE -i NONE x.txt\r",
      { keys: ":q!\r", after: '"x.txt"' },
      // typed while sleep runs
      "sleep 0.3\r",
      { keys: "echo ahead-$((1+1))\r", after: "sleep 0.3\r\n" },
      { keys: "exit\r", after: "ahead-2\r\n" },
    ]);
    const r = importCast(fs.readFileSync(file), { sourceName: file });
    expect(r.splitBy).toBe("prompt");
    expect(r.commands.map((c) => c.line)).toEqual([
      "for i in 1 2; do\necho r$i\ndone",
      "echo a \\\n  b",
      "printf partial",
      "vim -u NONE -i NONE x.txt",
      "sleep 0.3",
      "echo ahead-$((1+1))",
      "exit",
    ]);
    const text = r.commands.map((c) => c.output.map((o) => o.data).join(""));
    expect(text[0]).toContain("r1\r\nr2\r\n");
    expect(text[0]).not.toContain("> ");
    expect(text[1]).toContain("a b\r\n");
    expect(text[2]).toContain("partial");
    expect(text[4]).not.toContain("stacklog$");
    expect(text[5]).toContain("ahead-2\r\n");
    for (const t of text) expect(t).not.toContain("stacklog$");
    expect(r.commands.some((c) => c.partial)).toBe(false);
  });

  it("splits zsh at its prompts, keeping output printed before PROMPT_SP", async () => {
    requireTool("zsh", ["--version"], "zsh");
    const file = path.join(dir, "zsh.cast");
    const zsh: Session = { shell: "zsh -f", ready: "stacklog$ ", env: { PS1: "stacklog$ " } };
    await record(zsh, file, [
      'printf "no newline"\r',
      "echo x\r",
      "for i in 1 2; do\r",
      { keys: "echo r$i\r", after: "for> " },
      { keys: "done\r", after: "for> " },
      "exit\r",
    ]);
    const r = importCast(fs.readFileSync(file), { sourceName: file });
    expect(r.splitBy).toBe("prompt");
    expect(r.commands.map((c) => [c.line, c.output.map((o) => o.data).join("")])).toEqual([
      ['printf "no newline"', "no newline"],
      ["echo x", "x\r\n"],
      ["for i in 1 2; do\necho r$i\ndone", "r1\r\nr2\r\n"],
      ["exit", ""],
    ]);
  });
});

const INPUT: CastInput = {
  title: "kolla upgrade",
  cols: 100,
  rows: 30,
  startedAt: Date.UTC(2026, 0, 5, 9, 0, 0, 250),
  env: { SHELL: "/bin/bash", TERM: "xterm-256color" },
  commands: [
    {
      line: "kolla-ansible -i multinode upgrade",
      startedAt: Date.UTC(2026, 0, 5, 9, 0, 1),
      endedAt: Date.UTC(2026, 0, 5, 9, 0, 4),
      exitStatus: 0,
      cwd: "/etc/kolla",
      chunks: [
        { t: 10, data: "PLAY [Apply role keystone] ***\n" },
        { t: 1500, data: "\x1b[0;32mok: [ctl1]\x1b[0m ✓\n" },
      ],
    },
    {
      line: "openstack endpoint list",
      startedAt: Date.UTC(2026, 0, 5, 9, 0, 5),
      endedAt: Date.UTC(2026, 0, 5, 9, 0, 6),
      exitStatus: 1,
      chunks: [{ t: 300, data: "Missing value auth-url required\r\n" }],
    },
  ],
};

describe("recordings written by exportCast", () => {
  it("can be printed by `asciinema cat` (v2)", () => {
    const file = path.join(dir, "export.cast");
    fs.writeFileSync(file, [...exportCast(INPUT, 2)].join(""));
    const r = underTty(`asciinema cat '${file}'`);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain("kolla-ansible -i multinode upgrade\n");
    expect(r.out).toContain("PLAY [Apply role keystone] ***\n");
    expect(r.out).toContain("ok: [ctl1]");
    expect(r.out).toContain("✓");
    expect(r.out).toContain("Missing value auth-url required");
  });

  it("can be played to the end by `asciinema play` (v2)", () => {
    const file = path.join(dir, "export.cast");
    fs.writeFileSync(file, [...exportCast(INPUT, 2)].join(""));
    const r = underTty(`asciinema play -s 100 -i 0.1 '${file}'`);
    expect(r.status, r.out).toBe(0);
    expect(r.out).toContain("Missing value auth-url required");
  });

  it("reads back a real recording after export and `asciinema cat` of both agree", async () => {
    const recorded = path.join(dir, "marked.cast");
    await record(MARKED, recorded);
    const imported = importCast(fs.readFileSync(recorded));
    const file = path.join(dir, "again.cast");
    const commands = imported.commands.map((c) => ({
      ...c,
      cwd: c.cwd ?? undefined,
      chunks: c.output,
    }));
    fs.writeFileSync(
      file,
      [...exportCast({ title: "again", startedAt: imported.startedAt, commands }, 2)].join(""),
    );
    const r = underTty(`asciinema cat '${file}'`);
    expect(r.status, r.out).toBe(0);
    for (const line of LINES) expect(r.out).toContain(line);
    expect(importCast(fs.readFileSync(file)).commands.map((c) => [c.line, c.exitStatus])).toEqual(
      imported.commands.map((c) => [c.line, c.exitStatus]),
    );
  });
});
