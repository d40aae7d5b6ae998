import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createAnsibleParser } from "../src/capture/ansible/index.js";
import { type BenchRow, median, printRows } from "./lib.js";

// Parser throughput on Ansible output shaped like a long kolla-ansible run: the recorded real
// runs under test/fixtures/ansible/recorded/ (colours, CRLF, profile_tasks, multi-line JSON)
// repeated with varied task and host names. Sizes: BENCH_MB (default 200), BENCH_RUNS (5).
//   node --import tsx bench/ansible-parser.ts

const TARGET_MBPS = 100;
const CHUNK = 64 * 1024;
const HOSTS_PER_TASK = 24;
const HERE = path.dirname(fileURLToPath(import.meta.url));
const RECORDED = path.join(HERE, "..", "test", "fixtures", "ansible", "recorded");

/** Splits a recording into sections that each start at a TASK/HANDLER banner (ANSI kept). */
function taskSections(text: string): string[] {
  const body = text.slice(text.indexOf("TASK ["), text.indexOf("PLAY RECAP"));
  return body.split(/(?=^(?:TASK|RUNNING HANDLER) \[)/m).filter((s) => s.length > 0);
}

/** One task's output for many hosts: the banner once, then the host lines per host. */
function varyTask(section: string, round: number): string {
  const nl = section.indexOf("\n");
  const banner = section.slice(0, nl + 1).replace(/\] \*/, ` ${round}] *`);
  const body = section.slice(nl + 1);
  let out = banner;
  for (let h = 0; h < HOSTS_PER_TASK; h++) {
    out += body
      .replaceAll("[localhost", `[ctl${h}`)
      .replaceAll("[alpha", `[cmp${h}`)
      .replaceAll("[ghost", `[osd${h}`);
  }
  return out;
}

/** About `mb` MB of output in 64 KiB chunks, ending with a real recap. */
export function generateOutput(mb: number): { chunks: string[]; bytes: number } {
  const templates = ["site-color-pty-profile.txt", "site-plain.txt"].map((f) =>
    fs.readFileSync(path.join(RECORDED, f), "utf8"),
  );
  const sections = templates.flatMap(taskSections);
  const recap = (templates[0] as string).slice((templates[0] as string).indexOf("PLAY RECAP"));
  const parts: string[] = [];
  let size = 0;
  for (let round = 0; size < mb * 1e6; round++) {
    const play = `PLAY [Upgrade round ${round}] ${"*".repeat(60)}\r\n\r\n`;
    parts.push(play);
    size += play.length;
    for (const s of sections) {
      const text = varyTask(s, round);
      parts.push(text);
      size += text.length;
    }
  }
  parts.push(recap);
  const all = parts.join("");
  const chunks: string[] = [];
  for (let i = 0; i < all.length; i += CHUNK) chunks.push(all.slice(i, i + CHUNK));
  return { chunks, bytes: Buffer.byteLength(all) };
}

function runParser(chunks: string[]): number {
  const parser = createAnsibleParser();
  for (const c of chunks) parser.push(c);
  return parser.end().plays.length;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the baseline strips escapes the plain way.
const NAIVE_ANSI = /\x1b\[[0-9;]*m/g;
const NAIVE_PATTERNS = [
  /^PLAY \[(.*)\] \*+\s*$/,
  /^TASK \[(.*)\] \*+\s*$/,
  /^RUNNING HANDLER \[(.*)\] \*+\s*$/,
  /^PLAY RECAP \*+/,
  /^(ok|changed|skipping): \[([^\]]+)\](?: => \(item=(.*)\))?/,
  /^(fatal|failed): \[([^\]]+)\](?:: (FAILED|UNREACHABLE)!)?(?: \(item=(.*)\))? => (.*)$/,
  /^(\S+)\s*: ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)/,
  /\((\d+):(\d\d):(\d\d)\.(\d+)\)\s+[\d:.]+\s*\*+\s*$/,
  /^\[(WARNING|DEPRECATION WARNING)\]: (.*)$/,
  /^included: (.*) for (.*)$/,
  /^\.\.\.ignoring$/,
];

/** The obvious parser: split lines, strip colours per line, try every regex on every line. */
function runNaive(chunks: string[]): number {
  let carry = "";
  let hits = 0;
  for (const chunk of chunks) {
    const lines = (carry + chunk).split(/\r?\n/);
    carry = lines.pop() ?? "";
    for (const raw of lines) {
      const line = raw.replace(NAIVE_ANSI, "");
      for (const re of NAIVE_PATTERNS) if (re.exec(line)) hits++;
    }
  }
  return hits;
}

// Runs the parser and the baseline in turn, so a busy moment of a shared machine slows both.
function medianSpeeds(
  fns: ((c: string[]) => number)[],
  chunks: string[],
  bytes: number,
  runs: number,
): number[] {
  const speeds: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const t0 = performance.now();
      fn(chunks);
      speeds[k]?.push(bytes / 1e6 / ((performance.now() - t0) / 1000));
    });
  }
  return speeds.map(median);
}

/** Measures the parser and the naive baseline on the same generated output; returns the rows. */
export async function main(opts: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const mb = opts.quick ? 20 : Number(process.env.BENCH_MB ?? 200);
  const runs = opts.quick ? 3 : Number(process.env.BENCH_RUNS ?? 5);
  const { chunks, bytes } = generateOutput(mb);
  runParser(chunks.slice(0, 50));
  runNaive(chunks.slice(0, 50));
  const [parser = 0, naive = 0] = medianSpeeds([runParser, runNaive], chunks, bytes, runs);
  const size = `${Math.round(bytes / 1e6)} MB, median of ${runs}`;
  return [
    {
      bench: "ansible-parser",
      metric: `parser throughput (${size})`,
      value: parser,
      unit: "MB/s",
      peer: "naive all-regex parser",
      peerValue: naive,
      ratio: parser / naive,
      target: `>= ${TARGET_MBPS} MB/s`,
      pass: parser >= TARGET_MBPS,
    },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  printRows(await main());
}
