import { fileURLToPath } from "node:url";
import { type BenchRow, printRows } from "./lib.js";

/**
 * Runs every benchmark in turn and prints one table. Each file under bench/ also runs alone
 * (`node --import tsx bench/NAME.ts`). BENCH_ONLY=name,name limits the set; BENCH_QUICK=1 makes
 * every benchmark small (a smoke run, not a measurement).
 */
const ALL = [
  "startup",
  "redact",
  "run-throughput",
  "ansible-parser",
  "publish",
  "sse-latency",
  "shell-overhead",
  "notes",
];

const only = process.env.BENCH_ONLY?.split(",");
const quick = process.env.BENCH_QUICK === "1";
const rows: BenchRow[] = [];
for (const name of ALL) {
  if (only && !only.includes(name)) continue;
  const file = new URL(`./${name}.ts`, import.meta.url);
  let mod: { main(o: { quick?: boolean }): Promise<BenchRow[]> };
  try {
    mod = await import(fileURLToPath(file));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ERR_MODULE_NOT_FOUND") continue;
    throw err;
  }
  console.error(`bench: ${name}…`);
  rows.push(...(await mod.main({ quick })));
}
printRows(rows);
