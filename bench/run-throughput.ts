// Throughput of `stacklog run` in PTY mode against `script`, both inside an outer PTY that
// drains as fast as it can. Run: node --import tsx bench/run-throughput.ts
// Env: BENCH_MB (default 200), BENCH_RUNS (default 5).
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawn } from "node-pty";
import { HARNESS, REPO } from "../test/fixtures/capture-run/outer-terminal.js";
import { loadRedactor } from "../test/fixtures/capture-run/redactor.js";

export interface Row {
  name: string;
  /** Median MB/s from the first output byte to the end (start-up excluded). */
  mbPerSec: number;
  /** Median wall seconds from spawn to exit. */
  wallSec: number;
  runs: number;
}

const HOSTS = ["controller01", "controller02", "controller03", "compute017", "storage004"];
const ROLES = ["nova", "neutron", "keystone", "glance", "cinder", "heat", "octavia", "horizon"];

/** Writes `mb` MiB of kolla-ansible-like output with colour codes. */
async function writeAnsibleLike(path: string, mb: number): Promise<void> {
  const out = createWriteStream(path);
  const target = mb * 1024 * 1024;
  let written = 0;
  for (let i = 0; written < target; i++) {
    const role = ROLES[i % ROLES.length];
    const lines = [
      `\nTASK [${role} : Ensuring config directories exist] ${"*".repeat(60)}\n`,
      ...HOSTS.map((h, k) =>
        k % 3 === 0
          ? `\x1b[0;33mchanged: [${h}] => (item={'key': '${role}-api', 'value': {'enabled': True, 'image': 'quay.io/openstack.kolla/${role}-api:2024.1-rocky-9'}})\x1b[0m\n`
          : `\x1b[0;32mok: [${h}] => (item=${role}-conductor)\x1b[0m\n`,
      ),
    ].join("");
    written += Buffer.byteLength(lines);
    if (!out.write(lines)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r, j) => out.end((err?: Error | null) => (err ? j(err) : r())));
}

interface Sample {
  mbPerSec: number;
  wallSec: number;
}

/** Runs `file args` in an outer PTY that only counts bytes; times first byte → exit. */
function measure(file: string, args: string[], bytes: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let first: bigint | null = null;
    let seen = 0;
    const pty = spawn(file, args, {
      cols: 160,
      rows: 50,
      cwd: REPO,
      encoding: null,
      env: { ...process.env, TERM: "xterm-256color" } as Record<string, string>,
    });
    pty.onData((d: string | Buffer) => {
      first ??= process.hrtime.bigint();
      seen += d.length;
    });
    pty.onExit(({ exitCode }) => {
      const end = process.hrtime.bigint();
      if (exitCode !== 0) return reject(new Error(`${file} ${args.join(" ")} exited ${exitCode}`));
      if (seen < bytes) return reject(new Error(`${file}: saw ${seen} of ${bytes} bytes`));
      const busy = Number(end - (first ?? start)) / 1e9;
      resolve({ mbPerSec: bytes / 1024 / 1024 / busy, wallSec: Number(end - start) / 1e9 });
    });
  });
}

/** Runs the built CLI once (e.g. to start the bench's journal). */
function measureCli(args: string[], home: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const pty = spawn(process.execPath, args, {
      env: { ...process.env, STACKLOG_HOME: home } as Record<string, string>,
    });
    pty.onExit(({ exitCode }) =>
      exitCode === 0
        ? resolve()
        : reject(new Error(`stacklog ${args.join(" ")} exited ${exitCode}`)),
    );
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Runs the benchmark; `quick` uses 20 MB and 3 runs. */
export async function main(opts: { quick?: boolean } = {}): Promise<Row[]> {
  const mb = opts.quick ? 20 : Number(process.env.BENCH_MB ?? 200);
  const runs = opts.quick ? 3 : Number(process.env.BENCH_RUNS ?? 5);
  const dir = mkdtempSync(join(tmpdir(), "stacklog-bench-run-"));
  const file = join(dir, "ansible.log");
  try {
    await writeAnsibleLike(file, mb);
    const bytes = mb * 1024 * 1024;
    const redactor = await loadRedactor();
    const useReal = redactor.label.startsWith("real");
    const harness = (extra: string[]) => [
      "--import",
      "tsx",
      HARNESS,
      "--mode",
      "pty",
      "--sink-count",
      ...extra,
      "--",
      "cat",
      file,
    ];
    // The whole CLI as an operator runs it: real redactor (with the environment's secrets), the
    // SQLite store, compression, search indexing of the output's edges.
    const home = join(dir, "store");
    const bin = join(REPO, "bin", "stacklog.js");
    await measureCli([bin, "start", "--title", "throughput"], home);
    const cliRow = (name: string, worker?: string) => ({
      name,
      file: "env",
      args: [
        `STACKLOG_HOME=${home}`,
        ...(worker ? [`STACKLOG_OUTPUT_WORKER=${worker}`] : []),
        process.execPath,
        bin,
        "run",
        "--pty",
        "--",
        "cat",
        file,
      ],
    });
    // As users run it (the output worker on 4+ CPUs), and with the worker forced on.
    const cli = cliRow(`stacklog run --pty (CLI, SQLite store, ${availableParallelism()} CPUs)`);
    const cliWorker = cliRow("stacklog run --pty, output worker forced on", "1");
    const peers = [
      { name: "script -q -c cat", file: "script", args: ["-q", "-c", `cat ${file}`, "/dev/null"] },
      cli,
      cliWorker,
      {
        name: "stacklog run (pty, pass-through redactor)",
        file: process.execPath,
        args: harness([]),
      },
      ...(useReal
        ? [
            {
              name: "stacklog run (pty, real redactor)",
              file: process.execPath,
              args: harness(["--real-redactor"]),
            },
          ]
        : []),
    ];
    const samples = new Map<string, Sample[]>(peers.map((p) => [p.name, []]));
    for (let i = 0; i < runs; i++) {
      for (const p of peers) samples.get(p.name)?.push(await measure(p.file, p.args, bytes));
    }
    const rows = peers.map((p) => {
      const s = samples.get(p.name) ?? [];
      return {
        name: p.name,
        mbPerSec: median(s.map((x) => x.mbPerSec)),
        wallSec: median(s.map((x) => x.wallSec)),
        runs,
      };
    });
    print(rows, mb, redactor.label);
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function print(rows: Row[], mb: number, redactorLabel: string): void {
  console.log(`run-throughput: ${mb} MiB of Ansible-like output, medians of ${rows[0]?.runs} runs`);
  console.log(`redactor: ${redactorLabel}`);
  console.log("peer                                         MB/s    wall s");
  for (const r of rows)
    console.log(
      `${r.name.padEnd(44)} ${r.mbPerSec.toFixed(1).padStart(6)}  ${r.wallSec.toFixed(2).padStart(7)}`,
    );
  const [peer, ...ours] = rows;
  for (const r of ours) {
    const ratio = peer ? (r.mbPerSec / peer.mbPerSec).toFixed(2) : "?";
    console.log(`ratio ${r.name} / script: ${ratio}x (target >= 0.90x)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
