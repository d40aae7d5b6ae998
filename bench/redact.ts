import { pathToFileURL } from "node:url";
import { createRedactor, type KnownSecret } from "../src/redact/index.js";

/**
 * One measured row: median throughput over the runs, by wall time and by the CPU time of this
 * process (which a shared, loaded machine disturbs less).
 */
export interface RedactBenchRow {
  name: string;
  mb: number;
  medianMBps: number;
  cpuMBps: number;
  runs: number;
}

const TARGET_MBPS = 200;
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

// 500 values shaped like a kolla passwords.yml: mostly 40-character generated passwords, some
// hex keys, some shorter operator-chosen passwords.
function knownValues(rand: () => number): KnownSecret[] {
  const pick = (n: number, alphabet: string) =>
    Array.from({ length: n }, () => alphabet[Math.floor(rand() * alphabet.length)]).join("");
  return Array.from({ length: 500 }, (_, i) => {
    const len = i < 420 ? 40 : i < 460 ? 64 : i < 490 ? 16 + (i % 9) : 8 + (i % 4);
    const alphabet = i >= 420 && i < 460 ? "0123456789abcdef" : ALNUM;
    return { value: pick(len, alphabet), label: `passwords.yml:service_${i}_password` };
  });
}

const HOSTS = ["ctl01", "ctl02", "ctl03", "cmp001", "cmp002", "cmp003", "net01"];
const SERVICES = [
  "nova-api",
  "nova-scheduler",
  "neutron-server",
  "keystone",
  "glance-api",
  "placement-api",
];

function ansibleLine(i: number, secrets: KnownSecret[]): string {
  const h = HOSTS[i % HOSTS.length] as string;
  const s = SERVICES[i % SERVICES.length] as string;
  switch (i % 11) {
    case 0:
      return `TASK [${s.split("-")[0]} : Copying over config.json files for services] ${"*".repeat(30 + (i % 40))}`;
    case 1:
      return `\x1b[0;33mchanged: [${h}] => (item={'key': '${s}', 'value': {'container_name': '${s.replace("-", "_")}', 'group': '${s}', 'image': 'quay.io/openstack.kolla/${s}:2024.1-rocky-9', 'enabled': True}})\x1b[0m`;
    case 2:
      return `\x1b[0;32mok: [${h}]\x1b[0m`;
    case 3:
      return `ok: [${h}] => {"changed": false, "msg": "All items completed", "results": [{"ansible_loop_var": "item", "item": "/etc/kolla/${s}", "stat": {"exists": true, "mode": "0770", "uid": ${i % 1000}}}]}`;
    case 4:
      return `skipping: [${h}] => (item={'key': '${s}', 'value': {'enabled': False}}) `;
    case 5:
      return `RUNNING HANDLER [${s.split("-")[0]} : Restart ${s} container] ${"*".repeat(25)}`;
    case 6:
      return `\x1b[0;33mchanged: [${h}] => {"changed": true, "cmd": ["docker", "exec", "${s}", "kolla_set_configs"], "delta": "0:00:0${i % 10}.512", "rc": 0, "stdout": ""}\x1b[0m`;
    case 7:
      return `included: /opt/kolla-ansible/ansible/roles/${s.split("-")[0]}/tasks/upgrade.yml for ${h}`;
    case 8:
      // A planted secret every so often, as operators' commands and configs leak them.
      return i % 1001 === 8
        ? `ok: [${h}] => {"msg": "connection = mysql+pymysql://nova:${secrets[i % secrets.length]?.value}@10.0.0.5/nova"}`
        : `Wednesday 12 March 2025  10:${String(i % 60).padStart(2, "0")}:11 +0000 (0:00:01.${i % 1000})       0:42:13.${i % 100} ******`;
    case 9:
      return i % 997 === 9
        ? `    "password": "${secrets[(i * 7) % secrets.length]?.value}",`
        : `    "item": "${s}",`;
    default:
      return `PLAY RECAP ${h} : ok=${i % 90} changed=3 unreachable=0 failed=0 skipped=12 rescued=0 ignored=0`;
  }
}

/** Ansible-like text of about `mb` megabytes with known values planted in it. */
export function ansibleText(mb: number, secrets: KnownSecret[]): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < mb * 1e6; i++) {
    const line = ansibleLine(i, secrets);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join("\n");
}

// What a first attempt would do: the nine candidate regexes of the research, one
// String.replace each, and one alternation of all known values.
function naiveRedactor(secrets: KnownSecret[]): (text: string) => string {
  const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const known = new RegExp(
    secrets
      .map((s) => s.value)
      .sort((a, b) => b.length - a.length)
      .map(escapeRegex)
      .join("|"),
    "g",
  );
  const rules: [RegExp, string][] = [
    [known, "[REDACTED known]"],
    [
      /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----[\s\S]*?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g,
      "[REDACTED]",
    ],
    [
      /\b([A-Za-z0-9_.-]*(?:password|passwd|secret|token|cookie|passphrase|_key|crypto_key|bcrypt_salt)[A-Za-z0-9_]*)(\s*[:=]\s*)(["']?)([^\s"'#,]{3,})\3/gi,
      "$1$2$3[REDACTED]$3",
    ],
    [
      /(--(?:os-)?(?:password|secret|token|application-credential-secret|passphrase)(?:=|\s+))(\S+)/gi,
      "$1[REDACTED]",
    ],
    [
      /^(\|\s*[\w-]*(?:password|secret|token)[\w-]*\s*\|\s*)([^|\s][^|]*?)(\s*\|)\s*$/gim,
      "$1[REDACTED]$3",
    ],
    [/\bgAAAAA[A-Za-z0-9_-]{80,}={0,2}/g, "[REDACTED]"],
    [
      /\b((?:X-(?:Auth|Subject|Service)-Token|Authorization)\s*:\s*)(?:(?:Bearer|Basic)\s+)?([^\s"']+)/gi,
      "$1[REDACTED]",
    ],
    [/\bAQ[A-Za-z0-9+/]{36}==/g, "[REDACTED]"],
    [
      /(?<=[a-z0-9+.-]+:\/\/(?:[^\s/@]*@[^\s/,]*,)*|,)([^:\s/@,]+):([^@\s,/]+)@/gi,
      "$1:[REDACTED]@",
    ],
    [/\b(?:hvs\.[\w-]{90,120}|hvb\.[\w-]{138,300}|s\.[A-Za-z0-9]{24})\b/g, "[REDACTED]"],
  ];
  return (text) => rules.reduce((t, [re, to]) => t.replace(re, to), text);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

function measure(
  name: string,
  text: string,
  runs: number,
  f: (t: string) => unknown,
): RedactBenchRow {
  const mb = text.length / 1e6;
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    f(text);
    wall.push(mb / ((performance.now() - t0) / 1000));
    const c = process.cpuUsage(c0);
    cpu.push(mb / ((c.user + c.system) / 1e6));
  }
  return { name, mb, medianMBps: median(wall), cpuMBps: median(cpu), runs };
}

function streamAll(
  redactor: ReturnType<typeof createRedactor>,
  text: string,
  chunk: number,
): number {
  const s = redactor.stream();
  let n = 0;
  for (let i = 0; i < text.length; i += chunk) n += s.push(text.slice(i, i + chunk)).length;
  return n + s.flush().length;
}

/** Measures the redactor against the 200 MB/s target and a naive baseline in the same run. */
export async function main(opts: { quick?: boolean } = {}): Promise<RedactBenchRow[]> {
  const mb = opts.quick ? 8 : Number(process.env.BENCH_MB ?? 200);
  const runs = opts.quick ? 1 : Number(process.env.BENCH_RUNS ?? 5);
  const secrets = knownValues(rng(42));
  const text = ansibleText(mb, secrets);
  const redactor = createRedactor(secrets);
  const naive = naiveRedactor(secrets);
  // The naive baseline runs at a few MB/s: measure it on a slice (throughput does not depend
  // on the size), not on the whole text.
  const naiveText = text.slice(0, Math.min(text.length, (opts.quick ? 1 : 4) * 1e6));
  const chunkKb = Number(process.env.BENCH_CHUNK_KB ?? 64);
  const rows = [
    measure("redact(whole text)", text, runs, (t) => redactor.redact(t)),
    measure(`stream, ${chunkKb} KiB chunks`, text, runs, (t) =>
      streamAll(redactor, t, chunkKb * 1024),
    ),
    measure("naive: 9 regexes + 500-way alternation", naiveText, runs, naive),
  ];
  return rows;
}

function print(rows: RedactBenchRow[]): void {
  const naive = rows[rows.length - 1];
  const ratio = (a: number, b: number | undefined) => `${(a / (b ?? a)).toFixed(1)}x`;
  console.log(
    `redaction throughput, 500 known values, all patterns (${rows[0]?.runs} runs, median)`,
  );
  console.log(
    "case".padEnd(42),
    "MB".padStart(6),
    "MB/s".padStart(6),
    "cpu MB/s".padStart(9),
    "vs target".padStart(10),
    "vs naive".padStart(9),
  );
  for (const r of rows) {
    console.log(
      r.name.padEnd(42),
      r.mb.toFixed(1).padStart(6),
      r.medianMBps.toFixed(0).padStart(6),
      r.cpuMBps.toFixed(0).padStart(9),
      `${(r.medianMBps / TARGET_MBPS).toFixed(2)}x`.padStart(10),
      ratio(r.medianMBps, naive?.medianMBps).padStart(9),
    );
  }
  const met = rows.slice(0, -1).every((r) => r.medianMBps >= TARGET_MBPS);
  console.log(`target: ${TARGET_MBPS} MB/s wall-clock for both paths: ${met ? "met" : "NOT met"}`);
  console.log("cpu MB/s: bytes per second of this process's CPU time (less noisy when shared)");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  print(await main({ quick: process.argv.includes("--quick") }));
}
