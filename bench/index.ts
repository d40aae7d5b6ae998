import { fileURLToPath } from "node:url";

/**
 * Runs every benchmark in turn, printing each one's own table. Each file under bench/ also runs
 * alone (`node --import tsx bench/NAME.ts`). BENCH_ONLY=name,name limits the set; BENCH_QUICK=1
 * makes every benchmark small (a smoke run, not a measurement). bench/journal-output.ts (the
 * store's raw output write speed, 9 GB of writes at full size) runs only alone or when named in
 * BENCH_ONLY. `npm run bench` builds first,
 * since start-up and the CLI peers are measured on the built files.
 */
const EXTRA = ["journal-output"];
const ALL = [
  "startup",
  "redact",
  "run-throughput",
  "ansible-parser",
  "shell-overhead",
  "notes",
  "sse-latency",
  "publish",
];

type Row = Record<string, unknown>;

function table(rows: Row[]): string {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) =>
    typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v ?? "");
  return [
    `| ${keys.join(" | ")} |`,
    `|${keys.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${keys.map((k) => cell(r[k])).join(" | ")} |`),
  ].join("\n");
}

const only = process.env.BENCH_ONLY?.split(",");
const quick = process.env.BENCH_QUICK === "1";
const results: string[] = [];
for (const name of only ? [...ALL, ...EXTRA] : ALL) {
  if (only && !only.includes(name)) continue;
  const mod = (await import(fileURLToPath(new URL(`./${name}.ts`, import.meta.url)))) as {
    main(o: { quick?: boolean }): Promise<Row[]>;
  };
  console.error(`\nbench: ${name}…`);
  const started = Date.now();
  const rows = await mod.main({ quick });
  results.push(`### ${name} (${Math.round((Date.now() - started) / 1000)} s)\n\n${table(rows)}\n`);
}
console.log(
  `\n## Results (${new Date().toISOString()}, ${quick ? "quick smoke run" : "full sizes"})\n`,
);
console.log(results.join("\n"));
