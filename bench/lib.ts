import { spawnSync } from "node:child_process";

/** Median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Wall time of one run of a command, in ms. Throws when it fails. */
export function timeCommand(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}

/** One row of a benchmark's results. */
export interface BenchRow {
  bench: string;
  metric: string;
  value: number;
  unit: string;
  peer?: string;
  peerValue?: number;
  ratio?: number;
  target?: string;
  pass?: boolean;
}

/** Prints rows as a Markdown table (what docs/performance.md records). */
export function printRows(rows: BenchRow[]): void {
  const f = (n: number | undefined) =>
    n === undefined ? "" : n >= 100 ? n.toFixed(0) : n.toFixed(2);
  console.log("| bench | metric | stacklog | peer | peer value | ratio | target | met |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) {
    console.log(
      `| ${r.bench} | ${r.metric} | ${f(r.value)} ${r.unit} | ${r.peer ?? ""} | ${r.peerValue === undefined ? "" : `${f(r.peerValue)} ${r.unit}`} | ${r.ratio === undefined ? "" : `${r.ratio.toFixed(2)}x`} | ${r.target ?? ""} | ${r.pass === undefined ? "" : r.pass ? "yes" : "NO"} |`,
    );
  }
}
