import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  HARNESS,
  REPO,
  startHarness,
  startShell,
} from "../../test/fixtures/capture-run/outer-terminal.js";

interface Result {
  exitStatus: number;
  signal: string | null;
  mode: string;
  outputBytes: number;
  spawnError?: string;
  sinkError?: string;
  sink: { chunks: number; chars: number; maxChunk: number };
}

const tmp = mkdtempSync(join(tmpdir(), "stacklog-run-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs `sh -c script` through the harness in an outer terminal and waits for it to end. */
async function run(mode: string, script: string, extra: string[] = []) {
  const h = startHarness(["sh", "-c", script], { harnessArgs: ["--mode", mode, ...extra] });
  const code = await h.exited;
  const result = h.result<Result>();
  const screen = h.screen();
  h.cleanup();
  return { code, result, screen };
}

describe.each(["pty", "pipe"])("runCommand in %s mode", (mode) => {
  it.each([0, 3, 255])("keeps exit status %i of the wrapped command", async (status) => {
    const { code, result } = await run(mode, `echo hello; exit ${status}`);
    expect(result.exitStatus).toBe(status);
    expect(result.mode).toBe(mode);
    expect(code).toBe(status);
  });

  it.each([
    ["TERM", 143],
    ["KILL", 137],
  ])("reports death by SIG%s as %i, like a shell", async (sig, status) => {
    const { code, result } = await run(mode, `kill -${sig} $$`);
    expect(result).toMatchObject({ exitStatus: status, signal: `SIG${sig}` });
    expect(code).toBe(status);
  });

  it("lets Ctrl-C typed in the terminal reach the child, which can trap it", async () => {
    const h = startHarness(
      ["sh", "-c", 'trap "echo got-int; exit 5" INT; echo ready; while :; do sleep 1; done'],
      { harnessArgs: ["--mode", mode] },
    );
    await h.waitFor("ready");
    h.pty.write("\x03");
    expect(await h.exited).toBe(5);
    expect(h.screen()).toContain("got-int");
    h.cleanup();
  });

  it("lets Ctrl-C end a sleeping child with status 130", async () => {
    const h = startHarness(["sh", "-c", "echo ready; exec sleep 30"], {
      harnessArgs: ["--mode", mode],
    });
    await h.waitFor("ready");
    h.pty.write("\x03");
    expect(await h.exited).toBe(130);
    expect(h.result<Result>().signal).toBe("SIGINT");
    h.cleanup();
  });

  it("forwards SIGTERM sent to stacklog to the child and outlives it", async () => {
    const h = startHarness(
      ["sh", "-c", 'trap "echo got-term; exit 9" TERM; echo ready; while :; do sleep 1; done'],
      { harnessArgs: ["--mode", mode] },
    );
    await h.waitFor("ready");
    process.kill(h.pty.pid, "SIGTERM");
    expect(await h.exited).toBe(9);
    expect(h.screen()).toContain("got-term");
    expect(h.result<Result>().exitStatus).toBe(9);
    h.cleanup();
  });

  it("passes typed input through to the child", async () => {
    const h = startHarness(["sh", "-c", "echo ready; read x; echo got:$x"], {
      harnessArgs: ["--mode", mode],
    });
    await h.waitFor("ready");
    h.pty.write("hello\r");
    expect(await h.exited).toBe(0);
    expect(h.screen()).toContain("got:hello");
    h.cleanup();
  });

  it("shows colour codes raw and unchanged", async () => {
    const { screen } = await run(mode, "printf '\\033[31mred\\033[0m \\033[1;32mok\\033[0m\\n'");
    expect(screen).toContain("\x1b[31mred\x1b[0m \x1b[1;32mok\x1b[0m");
  });

  it("keeps the command's output and status when the sink throws", async () => {
    const { code, result, screen } = await run(mode, "echo first; sleep 0.3; echo second; exit 4", [
      "--sink-throw",
    ]);
    expect(code).toBe(4);
    expect(screen).toContain("first");
    expect(screen).toContain("second");
    expect(result.sinkError).toMatch(/store is broken/);
  });

  it("hands the sink exactly what the child printed, redacted, in coalesced chunks", async () => {
    const text = knownText();
    const file = join(tmp, `known-${mode}.txt`);
    const sinkFile = join(tmp, `sink-${mode}.txt`);
    writeFileSync(file, text);
    const { code, result, screen } = await run(mode, `cat ${file}`, [
      "--sink",
      sinkFile,
      "--redact",
      "HUNTER2",
    ]);
    expect(code).toBe(0);
    const shown = mode === "pty" ? text.replaceAll("\n", "\r\n") : text;
    expect(readFileSync(sinkFile, "utf8")).toBe(shown.replaceAll("HUNTER2", "[REDACTED]"));
    expect(Buffer.from(screen, "latin1").toString("utf8")).toBe(
      mode === "pty" ? shown : text.replaceAll("\n", "\r\n"),
    );
    expect(result.outputBytes).toBe(Buffer.byteLength(shown));
    expect(result.sink.chunks).toBeGreaterThan(1);
    expect(result.sink.maxChunk).toBeLessThanOrEqual(256 * 1024);
  });

  it("fails like a shell when the command does not exist", async () => {
    const h = startHarness(["no-such-command-xyz"], { harnessArgs: ["--mode", mode] });
    expect(await h.exited).toBe(127);
    expect(h.screen()).toContain("stacklog: no-such-command-xyz: command not found");
    expect(h.result<Result>().spawnError).toBe("no-such-command-xyz: command not found");
    h.cleanup();
  });

  it("fails with 126 when the command is not executable", async () => {
    const file = join(tmp, `plain-${mode}.sh`);
    writeFileSync(file, "echo never\n");
    chmodSync(file, 0o644);
    const h = startHarness([file], { harnessArgs: ["--mode", mode] });
    expect(await h.exited).toBe(126);
    expect(h.screen()).toContain(`stacklog: ${file}: Permission denied`);
    h.cleanup();
  });
});

describe("runCommand in pty mode", () => {
  it("lets the child see a terminal of the outer terminal's size", async () => {
    const h = startHarness(["sh", "-c", "[ -t 0 ] && [ -t 1 ] && echo tty-yes; stty size"], {
      harnessArgs: ["--mode", "pty"],
      cols: 111,
      rows: 33,
    });
    expect(await h.exited).toBe(0);
    expect(h.screen()).toContain("tty-yes\r\n33 111\r\n");
    h.cleanup();
  });

  it("passes a window resize on to the child", async () => {
    const script =
      'trap "stty size" WINCH; trap "exit 0" INT; echo ready; while :; do sleep 0.1; done';
    const h = startHarness(["bash", "-c", script], {
      harnessArgs: ["--mode", "pty"],
      cols: 100,
      rows: 30,
    });
    await h.waitFor("ready");
    h.pty.resize(90, 20);
    await h.waitFor("20 90");
    h.pty.write("\x03");
    expect(await h.exited).toBe(0);
    h.cleanup();
  });

  it("shows and captures every byte even when the terminal reads slowly", async () => {
    const text = knownText();
    const file = join(tmp, "slow.txt");
    const sinkFile = join(tmp, "slow-sink.txt");
    writeFileSync(file, text);
    const shown = text.replaceAll("\n", "\r\n");
    const h = startHarness(["cat", file], {
      harnessArgs: ["--mode", "pty", "--sink", sinkFile],
      slowReadMs: 3,
      slowUntilBytes: Buffer.byteLength(shown) - 64 * 1024,
    });
    expect(await h.exited).toBe(0);
    expect(Buffer.from(h.screen(), "latin1").toString("utf8")).toBe(shown);
    expect(readFileSync(sinkFile, "utf8")).toBe(shown);
    h.cleanup();
  });

  it("passes bytes that are not valid UTF-8 to the terminal unchanged", async () => {
    const { screen, result } = await run("pty", "printf 'a\\377\\376b\\303\\n'", [
      "--sink",
      join(tmp, "bad.txt"),
    ]);
    expect(screen).toContain("a\xff\xfeb\xc3\r\n");
    expect(result.outputBytes).toBe(7);
  });

  it("restores the terminal's settings after the run, also when the child is killed", async () => {
    const before = join(tmp, "stty-before");
    const after = join(tmp, "stty-after");
    const harness = `${process.execPath} --import tsx ${HARNESS} --mode pty -- sh -c 'kill -KILL $$'`;
    const h = startShell(`stty -g > ${before}; ${harness}; echo status=$?; stty -g > ${after}`);
    expect(await h.exited).toBe(0);
    expect(h.screen()).toContain("status=137");
    expect(readFileSync(after, "utf8")).toBe(readFileSync(before, "utf8"));
    h.cleanup();
  });
});

describe("runCommand in auto mode", () => {
  it("uses pipes when stdout is not a terminal, passing piped stdin through", () => {
    const r = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        HARNESS,
        "--",
        "sh",
        "-c",
        "read x; echo got:$x; [ -t 1 ] || echo no-tty",
      ],
      {
        cwd: REPO,
        input: "piped\n",
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("got:piped\nno-tty\n");
  });
});

/** Text with multi-byte characters and a planted secret, long enough to span many reads. */
function knownText(): string {
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) {
    const secret = i % 97 === 0 ? " password=HUNTER2" : "";
    lines.push(`TASK [nova : Check ${i}] ok: [ctl-é${i % 7}] — ✓ 𝄞${secret}`);
  }
  return `${lines.join("\n")}\n`;
}
