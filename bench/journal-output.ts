// Output writing throughput and memory: OutputWriter vs plain appends to a file (the peer).
// Run: node --import tsx bench/journal-output.ts   (BENCH_MB=1024 BENCH_RUNS=3)
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openStore } from "../src/journal/index.js";

export interface Row {
  chunk: number;
  mb: number;
  stacklogMBs: number;
  /** Throughput per CPU second of this process: less sensitive to other load on the machine. */
  stacklogCpuMBs: number;
  fileMBs: number;
  ratio: number;
  rssGrowthMB: number;
}

function text(chunk: number, seed: number): string {
  let s = "";
  for (let i = seed; s.length < chunk; i++) {
    s += `TASK [nova : Restart nova-compute container] ok: [compute-${String(i % 97).padStart(3, "0")}] => (item=nova_compute) elapsed=${(i * 7) % 1000}ms\n`;
  }
  return s.slice(0, chunk);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function runStore(
  chunks: string[],
  total: number,
): { mbs: number; cpuMBs: number; rssGrowthMB: number } {
  const home = mkdtempSync(join(tmpdir(), "bench-store-"));
  const store = openStore({ home });
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const w = store.beginOutput();
  let written = 0;
  for (let i = 0; written < total; i++) {
    const c = chunks[i % chunks.length] as string;
    w.write(c, i);
    written += c.length;
    if (i % 1024 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  }
  w.end();
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSecs = (cpu.user + cpu.system) / 1e6;
  store.close();
  rmSync(home, { recursive: true, force: true });
  return {
    mbs: total / 1e6 / secs,
    cpuMBs: total / 1e6 / cpuSecs,
    rssGrowthMB: (peak - rss0) / 1e6,
  };
}

function runFile(chunks: string[], total: number): number {
  const dir = mkdtempSync(join(tmpdir(), "bench-file-"));
  const fd = openSync(join(dir, "out.log"), "a");
  const t0 = performance.now();
  let written = 0;
  for (let i = 0; written < total; i++) {
    const c = chunks[i % chunks.length] as string;
    writeSync(fd, c);
    written += c.length;
  }
  closeSync(fd);
  const secs = (performance.now() - t0) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return total / 1e6 / secs;
}

export async function main(opts: { quick?: boolean } = {}): Promise<Row[]> {
  const mb = opts.quick ? 32 : Number(process.env.BENCH_MB ?? 1024);
  const runs = opts.quick ? 1 : Number(process.env.BENCH_RUNS ?? 3);
  const rows: Row[] = [];
  for (const chunk of [1024, 4096, 65536]) {
    const chunks = Array.from({ length: 16 }, (_, i) => text(chunk, i * 31));
    const total = mb * 1e6;
    const store = Array.from({ length: runs }, () => runStore(chunks, total));
    const file = Array.from({ length: runs }, () => runFile(chunks, total));
    const stacklogMBs = median(store.map((r) => r.mbs));
    const fileMBs = median(file);
    rows.push({
      chunk,
      mb,
      stacklogMBs: Math.round(stacklogMBs),
      stacklogCpuMBs: Math.round(median(store.map((r) => r.cpuMBs))),
      fileMBs: Math.round(fileMBs),
      ratio: Number((stacklogMBs / fileMBs).toFixed(2)),
      rssGrowthMB: Math.round(Math.max(...store.map((r) => r.rssGrowthMB))),
    });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rows = await main();
  console.table(rows);
}
