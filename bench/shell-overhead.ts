// Per-command cost of recording a shell, and output throughput of a recorded shell.
// The same bash with the same startup files (/etc/bash.bashrc, then a ~/.bashrc that sets the
// prompt) runs 1,000 `:` typed one after another, each typed once the prompt after the previous
// one is drawn: (a) unrecorded, in a PTY of its own; (b) under the built `stacklog shell`,
// recording into a real store (what an operator runs); (c) with `eval "$(stacklog hook bash)"`
// in its ~/.bashrc. Diagnostics: (d) runShellSession in this process with a recorder that
// discards (the shell integration and the PTY relay, no store); (e) under `script`, a PTY relay
// that records nothing; (f) with only a key binding on Enter that runs an empty shell function
// (`bind -x`, the least a hook can do to see the typed line, leading space and all lines of a
// multi-line command, without a process per command); (g) the first three with `/bin/true`, the
// least command that starts a process, instead of `:`; and bash's own CPU per command (its
// `times` before and after), which a loaded machine disturbs much less than wall time. Then
// `cat` of a big file inside (d) against `script -q -c "cat FILE"`.
//   node --import tsx bench/shell-overhead.ts   (after `npm run build`: (b) runs bin/stacklog.js)
// Env: BENCH_COMMANDS (default 1000), BENCH_RUNS (default 3), BENCH_MB (default 200).
import { spawnSync } from "node:child_process";
import { EventEmitter } from "node:events";
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { spawn } from "node-pty";
import {
  type CommandHandle,
  runShellSession,
  type ShellRecorder,
} from "../src/capture/shell/index.js";
import { createRedactor } from "../src/redact/index.js";
import { type BenchRow, median, printRows, timeCommand } from "./lib.js";
import { feed, type Output, type Timing, timeCat, typeCommands } from "./prompt-typing.js";

const BASH = "/bin/bash";
// An external command that does nothing: (g) times it plain, in `stacklog shell` and in hook mode.
const TRUE = "/bin/true";
const BIN = join(fileURLToPath(new URL("..", import.meta.url)), "bin", "stacklog.js");
// The prompt carries bash's command number: the prompt drawn after command k says P<k+1>, which
// nothing else prints. (A bare prompt would not do: the integration's Enter binding makes readline
// redraw the current prompt before the command runs, and that redraw must not count as done.)
const BASHRC = "PS1='P\\#> '\n";
// (f): Enter runs an empty function, then accepts the line, as the hook's binding does.
const BIND_ONLY = [
  "__bench_take() { :; }",
  `bind -x '"\\e[9971~": __bench_take'`,
  `bind '"\\e[9972~": accept-line'`,
  `bind '"\\C-m": "\\e[9971~\\e[9972~"'`,
  "",
].join("\n");
/** A program in a PTY of its own (as a terminal would run it), typed `command` n times. */
async function inPty(
  n: number,
  argv: string[],
  cwd: string,
  env: Record<string, string>,
  command = ":",
): Promise<Timing> {
  const pty = spawn(argv[0] as string, argv.slice(1), { cwd, env, cols: 100, rows: 30 });
  const output = { text: "" };
  pty.onData((d) => feed(output, d));
  const exited = new Promise<void>((resolve) => pty.onExit(() => resolve()));
  const perCommand = await typeCommands(n, (s) => pty.write(s), output, command);
  pty.write("exit\r");
  await exited;
  return perCommand;
}

function bashEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: home, TERM: "xterm", ...extra };
}

const discard: ShellRecorder = {
  commandStarted: (): CommandHandle => ({ output: () => {}, finish: () => {} }),
  paused: () => {},
};

/** A bash recorded in this process (recorder discards); `drive` gets a typist and the output. */
async function recordedBash<T>(
  home: string,
  drive: (write: (s: string) => void, output: Output) => Promise<T>,
): Promise<T> {
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
    cwd: home,
    env: bashEnv(home),
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

/** Runs the built CLI; returns its stdout. */
function stacklog(args: string[], env: Record<string, string>): string {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`stacklog ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
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
    const home = join(dir, "home");
    const hookHome = join(dir, "hook-home");
    const bindHome = join(dir, "bind-home");
    const store = join(dir, "store");
    mkdirSync(home);
    mkdirSync(hookHome);
    mkdirSync(bindHome);
    writeFileSync(join(bindHome, ".bashrc"), BASHRC + BIND_ONLY);
    writeFileSync(join(home, ".bashrc"), BASHRC);
    const cliEnv = bashEnv(home, { SHELL: BASH, STACKLOG_HOME: store });
    stacklog(["start", "--title", "shell overhead bench"], cliEnv);
    // As an operator would put it in ~/.bashrc (the CLI's output, read from a file).
    const hookFile = join(dir, "hook.bash");
    writeFileSync(hookFile, stacklog(["hook", "bash"], cliEnv));
    writeFileSync(join(hookHome, ".bashrc"), `${BASHRC}eval "$(cat ${hookFile})"\n`);
    const modes = {
      plain: () => inPty(n, [BASH, "-i"], home, bashEnv(home)),
      cli: () => inPty(n, [process.execPath, BIN, "shell"], home, cliEnv),
      hook: () => inPty(n, [BASH, "-i"], hookHome, bashEnv(hookHome)),
      inProcess: () => recordedBash(home, (w, o) => typeCommands(n, w, o)),
      script: () =>
        inPty(n, ["script", "-q", "-c", `${BASH} -i`, "/dev/null"], home, bashEnv(home)),
      bindOnly: () => inPty(n, [BASH, "-i"], bindHome, bashEnv(bindHome)),
      // The same with the least command that starts a process, as every real command does.
      plainTrue: () => inPty(n, [BASH, "-i"], home, bashEnv(home), TRUE),
      cliTrue: () => inPty(n, [process.execPath, BIN, "shell"], home, cliEnv, TRUE),
      hookTrue: () => inPty(n, [BASH, "-i"], hookHome, bashEnv(hookHome), TRUE),
    };
    const t: Record<keyof typeof modes, Timing[]> = {
      plain: [],
      cli: [],
      hook: [],
      inProcess: [],
      script: [],
      bindOnly: [],
      plainTrue: [],
      cliTrue: [],
      hookTrue: [],
    };
    for (let r = 0; r < runs; r++)
      for (const [name, run] of Object.entries(modes))
        t[name as keyof typeof modes].push(await run());
    const ms = (name: keyof typeof modes) => median(t[name].map((x) => x.ms));
    const cpu = (name: keyof typeof modes) => median(t[name].map((x) => x.shellCpuUs));
    // Nothing fake: every command typed (and each `exit`) of (b) and (c) must be in the journal.
    const recorded = countCommands(stacklog(["log", "--kind", "command", "--json"], cliEnv));
    if (recorded.shell < 2 * runs * n || recorded.hook < 2 * runs * n)
      throw new Error(
        `expected ${2 * runs * n} commands of each mode, the journal has ${JSON.stringify(recorded)}`,
      );
    const file = join(dir, "big.txt");
    await writeBigFile(file, mb);
    const bytes = statSync(file).size;
    const peerMBps: number[] = [];
    const oursMBps: number[] = [];
    for (let r = 0; r < runs; r++) {
      peerMBps.push(
        bytes / 1048576 / (timeCommand("script", ["-q", "-c", `cat ${file}`, "/dev/null"]) / 1000),
      );
      oursMBps.push(await recordedBash(home, (w, o) => timeCat(file, bytes, w, o)));
    }
    const base = ms("plain");
    const baseCpu = cpu("plain");
    return [
      {
        bench: "shell-overhead",
        metric: `per command, plain bash in a PTY (${n} cmds)`,
        value: base,
        unit: "ms",
      },
      overhead("per command, `stacklog shell` (PTY mode, real store)", ms("cli"), base),
      overhead('per command, `eval "$(stacklog hook bash)"` (hook mode)', ms("hook"), base),
      diagnostic("per command, runShellSession, recorder discards", ms("inProcess"), base),
      diagnostic(
        'per command, `script -q -c "bash -i"` (a PTY relay, nothing recorded)',
        ms("script"),
        base,
      ),
      diagnostic(
        "per command, an empty function bound to Enter (`bind -x`), nothing recorded",
        ms("bindOnly"),
        base,
      ),
      {
        bench: "shell-overhead",
        metric: `per command, \`${TRUE}\` in plain bash in a PTY (${n} cmds)`,
        value: ms("plainTrue"),
        unit: "ms",
      },
      diagnostic(`per command, \`${TRUE}\` in \`stacklog shell\``, ms("cliTrue"), ms("plainTrue")),
      diagnostic(`per command, \`${TRUE}\` in hook mode`, ms("hookTrue"), ms("plainTrue")),
      { ...diagnostic("bash's own CPU per command, plain", baseCpu, baseCpu), unit: "us" },
      {
        ...diagnostic("bash's own CPU per command, `stacklog shell`", cpu("cli"), baseCpu),
        unit: "us",
      },
      { ...diagnostic("bash's own CPU per command, hook mode", cpu("hook"), baseCpu), unit: "us" },
      {
        ...diagnostic(
          "bash's own CPU per command, empty `bind -x` on Enter",
          cpu("bindOnly"),
          baseCpu,
        ),
        unit: "us",
      },
      {
        ...diagnostic("bash's own CPU per command, runShellSession", cpu("inProcess"), baseCpu),
        unit: "us",
      },
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

function countCommands(jsonLines: string): { shell: number; hook: number } {
  const counts = { shell: 0, hook: 0 };
  for (const line of jsonLines.split("\n")) {
    if (!line) continue;
    const mode = (JSON.parse(line) as { payload: { mode?: string } }).payload.mode;
    if (mode === "shell" || mode === "hook") counts[mode]++;
  }
  return counts;
}

function diagnostic(metric: string, value: number, base: number): BenchRow {
  return { ...overhead(metric, value, base), target: "(diagnostic)", pass: undefined };
}

function overhead(metric: string, value: number, base: number): BenchRow {
  const ratio = value / base;
  return {
    bench: "shell-overhead",
    metric,
    value,
    unit: "ms",
    peer: "plain bash in a PTY",
    peerValue: base,
    ratio,
    target: "<= 1.05",
    pass: ratio <= 1.05,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  printRows(await main({ quick: process.argv.includes("--quick") }));
