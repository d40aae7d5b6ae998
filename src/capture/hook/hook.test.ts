import { mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node-pty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireProgram, waitFor } from "../../../test/fixtures/shell/shells.js";
import { type HookRecord, hookScript, parseHookLines } from "./index.js";

const PROMPT = "READY> ";

/** Runs an interactive shell under a PTY, evals the hook script, types `lines`, returns the spool. */
async function recordWithHooks(
  shell: "bash" | "zsh",
  path: string,
  dir: string,
  lines: string[],
): Promise<string> {
  const spool = join(dir, "spool.tsv");
  await typeWithHooks(shell, path, dir, spool, lines);
  return readFileSync(spool, "utf8");
}

/** Types `lines` into an interactive shell that appends to `spool`; returns what the screen got. */
async function typeWithHooks(
  shell: "bash" | "zsh",
  path: string,
  dir: string,
  spool: string,
  lines: string[],
): Promise<string> {
  const script = join(dir, `hook.${shell}`);
  writeFileSync(script, hookScript(shell, spool));
  const args = shell === "bash" ? ["--norc", "--noprofile", "-i"] : ["-f", "-i"];
  const env = {
    PATH: process.env.PATH ?? "",
    HOME: dir,
    TERM: "xterm",
    PS1: PROMPT,
    LANG: "C.UTF-8",
  };
  const pty = spawn(path, args, { cwd: dir, env, cols: 100, rows: 30 });
  let screen = "";
  pty.onData((d) => {
    screen += d;
  });
  const exited = new Promise<void>((resolve) => pty.onExit(() => resolve()));
  const prompts = () => screen.split(PROMPT).length - 1;
  const typeAndWait = async (line: string) => {
    const before = prompts();
    pty.write(`${line}\r`);
    await waitFor(
      () => prompts() > before,
      () => `a prompt after ${JSON.stringify(line)}; screen ${JSON.stringify(screen.slice(-300))}`,
    );
  };
  await waitFor(
    () => prompts() > 0,
    () => `the first prompt; screen ${JSON.stringify(screen)}`,
  );
  // a umask that would let others read the files the shell creates
  await typeAndWait(`umask 022; PS1='${PROMPT}'; eval "$(cat ${script})"`);
  for (const line of lines) await typeAndWait(line);
  pty.write("exit\r");
  await exited;
  return screen;
}

describe.each([
  ["bash", "bash"],
  ["zsh", "zsh"],
])("hook-only recording in %s", (name, pkg) => {
  let dir: string;
  let records: HookRecord[];
  let raw: string;

  beforeAll(async () => {
    const path = requireProgram(name, pkg);
    dir = realpathSync(mkdtempSync(join(tmpdir(), "stacklog-hook-")));
    raw = await recordWithHooks(name as "bash" | "zsh", path, dir, [
      "echo one",
      "sh -c 'exit 4'",
      "!!",
      "cd /tmp",
      " echo hidden-line-text",
      "for i in 1 2; do\recho $i\rdone",
    ]);
    records = parseHookLines(raw);
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes one line per command with its line, status and cwd", () => {
    expect(records.map((r) => [r.line, r.exitStatus, r.cwd])).toEqual([
      ["echo one", 0, dir],
      ["sh -c 'exit 4'", 4, dir],
      // a history expansion is kept as the command it ran
      ["sh -c 'exit 4'", 4, dir],
      ["cd /tmp", 0, dir],
      ["", 0, "/tmp"],
      ["for i in 1 2; do\necho $i\ndone", 0, "/tmp"],
    ]);
  });

  it("writes only the status of a command typed with a leading space", () => {
    expect(records[4]?.hidden).toBe(true);
    expect(raw).not.toContain("hidden-line-text");
  });

  it("creates the spool readable by its owner only, whatever the umask", () => {
    expect(statSync(join(dir, "spool.tsv")).mode & 0o777).toBe(0o600);
  });

  it("stays quiet when the spool cannot be written", async () => {
    const screen = await typeWithHooks(
      name as "bash" | "zsh",
      requireProgram(name, pkg),
      dir,
      join(dir, "gone", "spool.tsv"),
      ["echo still-here"],
    );
    expect(screen).toContain("still-here\r\n");
    expect(screen.toLowerCase()).not.toContain("no such file");
  });

  it("stamps each command with epoch times, the terminal and user@host", () => {
    for (const r of records) {
      expect(r.endedAt).toBeGreaterThanOrEqual(r.startedAt);
      expect(Math.abs(r.startedAt - Date.now())).toBeLessThan(3_600_000);
      // named as every stacklog call names a terminal (pts/N, without /dev/)
      expect(r.terminal).toMatch(/^pts\/\d+$/);
      expect(r.actor).toMatch(/@/);
    }
  });
});
