// Per-command cost of recording a shell, and output throughput of a recorded shell.
// (a) bash under plain node-pty, (b) bash recorded by runShellSession (PTY mode, recorder that
// discards), (c) bash with the hook-only script; 1,000 `:` typed one after another, waiting for
// each prompt. Then `cat` of a big file inside the recorded shell against `script -q -c "cat FILE"`.
//   node --import tsx bench/shell-overhead.ts
// Env: BENCH_COMMANDS (default 1000), BENCH_RUNS (default 3), BENCH_MB (default 200).
import { EventEmitter } from "node:events";
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { spawn } from "node-pty";
import { hookScript } from "../src/capture/hook/index.js";
import {
  type CommandHandle,
  runShellSession,
  type ShellRecorder,
} from "../src/capture/shell/index.js";
import { createRedactor } from "../src/redact/index.js";
import { type BenchRow, median, printRows, timeCommand } from "./lib.js";

const PROMPT = "P> ";
const BASH = "/bin/bash";

/** Types one `:` after each prompt; returns ms per command. `write` types, `onOutput` feeds output. */
async function typeCommands(
  n: number,
  write: (s: string) => void,
  output: { text: string },
): Promise<number> {
  const prompts = () => output.text.split(PROMPT).length - 1;
  await until(() => prompts() > 0);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    const before = prompts();
    write(":\r");
    await until(() => prompts() > before);
    output.text = output.text.slice(-64); // keep the tail only; counting starts fresh
  }
  return (performance.now() - t0) / n;
}

// Resolves as soon as `cond` holds, checking on every output event rather than on a timer;
// rejects after STALL_MS without it, so that a lost prompt fails the bench instead of hanging it.
const STALL_MS = 30_000;
let wake: (() => void) | null = null;
let lastOutput = "";
function until(cond: () => boolean): Promise<void> {
  if (cond()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      wake = null;
      reject(
        new Error(
          `no progress for ${STALL_MS} ms; last output ${JSON.stringify(lastOutput.slice(-300))}`,
        ),
      );
    }, STALL_MS);
    wake = () => {
      if (cond()) {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
    };
  });
}
function feed(output: { text: string }, d: string): void {
  output.text += d;
  lastOutput = (lastOutput + d).slice(-600);
  wake?.();
}

async function plainBash(n: number, dir: string, evalFile?: string): Promise<number> {
  const env = { PATH: process.env.PATH ?? "", HOME: dir, TERM: "xterm", PS1: PROMPT };
  const pty = spawn(BASH, ["--norc", "--noprofile", "-i"], { cwd: dir, env, cols: 100, rows: 30 });
  const output = { text: "" };
  pty.onData((d) => feed(output, d));
  if (evalFile) pty.write(`eval "$(cat ${evalFile})"\r`);
  const perCommand = await typeCommands(n, (s) => pty.write(s), output);
  await exitPty(
    () => pty.write("exit\r"),
    (fn) => pty.onExit(fn),
  );
  return perCommand;
}

function exitPty(send: () => void, onExit: (fn: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    onExit(() => resolve());
    send();
  });
}

const discard: ShellRecorder = {
  commandStarted: (): CommandHandle => ({ output: () => {}, finish: () => {} }),
  paused: () => {},
};

/** A recorded bash; `drive` gets a typist and the output seen so far. */
async function recordedBash<T>(
  dir: string,
  drive: (write: (s: string) => void, output: { text: string }) => Promise<T>,
): Promise<T> {
  writeFileSync(join(dir, ".bashrc"), `PS1='${PROMPT}'\n`);
  const stdin = new PassThrough();
  const output = { text: "" };
  const stdout = Object.assign(
    new Writable({
      write(chunk: Buffer, _e, cb) {
        // Only the tail matters for prompt counting; keeping all of a 200 MB cat would cost memory.
        feed(
          output,
          chunk.length > 4096
            ? chunk.toString("latin1", chunk.length - 4096)
            : chunk.toString("latin1"),
        );
        if (output.text.length > 65536) output.text = output.text.slice(-4096);
        cb();
      },
    }),
    { columns: 100, rows: 30 },
  );
  const redactor = createRedactor([]);
  const done = runShellSession({
    shell: BASH,
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, TERM: "xterm" },
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stderr: stdout as unknown as NodeJS.WriteStream,
    redact: () => redactor.stream(),
    recorder: discard,
    banner: "",
    signals: new EventEmitter(),
  });
  const result = await drive((s) => stdin.write(s), output);
  stdin.write("exit\r");
  await done;
  return result;
}

async function writeBigFile(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path);
  const line = `${"ok: [controller01] => (item=nova-api) changed=false ".repeat(2)}\n`;
  const block = line.repeat(Math.ceil((1024 * 1024) / line.length));
  for (let i = 0; i < mb; i++)
    if (!out.write(block)) await new Promise<void>((r) => out.once("drain", () => r()));
  await new Promise<void>((r) => out.end(() => r()));
}

/** Benchmark rows; `quick` shrinks sizes for a smoke run. */
export async function main(opts: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const n = Number(process.env.BENCH_COMMANDS ?? (opts.quick ? 200 : 1000));
  const runs = Number(process.env.BENCH_RUNS ?? (opts.quick ? 1 : 3));
  const mb = Number(process.env.BENCH_MB ?? (opts.quick ? 20 : 200));
  const dir = mkdtempSync(join(tmpdir(), "stacklog-bench-shell-"));
  try {
    const hookFile = join(dir, "hook.bash");
    writeFileSync(hookFile, hookScript("bash", join(dir, "spool.tsv")));
    const plain: number[] = [];
    const pty: number[] = [];
    const hook: number[] = [];
    for (let r = 0; r < runs; r++) {
      plain.push(await plainBash(n, dir));
      pty.push(await recordedBash(dir, (w, o) => typeCommands(n, w, o)));
      hook.push(await plainBash(n, dir, hookFile));
    }
    const file = join(dir, "big.txt");
    await writeBigFile(file, mb);
    const bytes = statSync(file).size;
    const peerMBps: number[] = [];
    const oursMBps: number[] = [];
    for (let r = 0; r < runs; r++) {
      peerMBps.push(
        bytes / 1048576 / (timeCommand("script", ["-q", "-c", `cat ${file}`, "/dev/null"]) / 1000),
      );
      oursMBps.push(await recordedBash(dir, (w, o) => timeCat(file, bytes, w, o)));
    }
    const base = median(plain);
    return [
      {
        bench: "shell-overhead",
        metric: `per command, plain bash (${n} cmds)`,
        value: base,
        unit: "ms",
      },
      overhead("per command, recorded shell (PTY)", median(pty), base),
      overhead("per command, hook-only script", median(hook), base),
      {
        bench: "shell-overhead",
        metric: `cat ${mb} MiB in a recorded shell`,
        value: median(oursMBps),
        unit: "MB/s",
        peer: 'script -q -c "cat FILE"',
        peerValue: median(peerMBps),
        ratio: median(oursMBps) / median(peerMBps),
        target: ">= 0.9",
        pass: median(oursMBps) / median(peerMBps) >= 0.9,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function overhead(metric: string, value: number, base: number): BenchRow {
  const ratio = value / base;
  return {
    bench: "shell-overhead",
    metric,
    value,
    unit: "ms",
    peer: "plain bash under node-pty",
    peerValue: base,
    ratio,
    target: "<= 1.05",
    pass: ratio <= 1.05,
  };
}

// MB/s of `cat file` typed into the recorded shell, from Enter to the next prompt.
async function timeCat(
  file: string,
  bytes: number,
  write: (s: string) => void,
  output: { text: string },
): Promise<number> {
  const prompts = () => output.text.split(PROMPT).length - 1;
  await until(() => prompts() > 0);
  output.text = "";
  const t0 = performance.now();
  write(`cat ${file}\r`);
  await until(() => output.text.includes(`\x1b]133;D;0\x07`));
  return bytes / 1048576 / ((performance.now() - t0) / 1000);
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  printRows(await main({ quick: process.argv.includes("--quick") }));
