import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchRow, median, printRows, timeCommand } from "./lib.js";

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "bin", "stacklog.js");

/** Start-up: median wall time of `stacklog note` (built CLI) against `node -e 0`, same run. */
export async function main(opts: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const runs = opts.quick ? 7 : Number(process.env.BENCH_RUNS ?? 31);
  const home = mkdtempSync(path.join(os.tmpdir(), "stacklog-bench-"));
  const env = { ...process.env, STACKLOG_HOME: home, NO_COLOR: "1" };
  try {
    timeCommand(process.execPath, [BIN, "start", "--title", "startup bench"], env);
    const node: number[] = [];
    const note: number[] = [];
    for (let i = 0; i < runs; i++) {
      node.push(timeCommand(process.execPath, ["-e", "0"], env));
      note.push(timeCommand(process.execPath, [BIN, "note", `observation ${i}`], env));
    }
    const n = median(note);
    const base = median(node);
    return [
      {
        bench: "startup",
        metric: "`stacklog note` median wall time",
        value: n,
        unit: "ms",
        peer: "node -e 0",
        peerValue: base,
        ratio: n / base,
        target: "<= 150 ms",
        pass: n <= 150,
      },
    ];
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printRows(await main());
