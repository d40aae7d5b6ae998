import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { openStore } from "../src/journal/index.js";
import { startServer } from "../src/server/index.js";
import type { BenchRow } from "./lib.js";

/**
 * Append → browser delivery latency of the live view: BENCH_SSE_CLIENTS SSE clients (default
 * 50) on loopback, another process appending BENCH_SSE_EVENTS events (default 200) every
 * BENCH_SSE_GAP_MS (default 25). Latency is the client's receive time minus the time the
 * appending process saw its commit return (one machine, one clock).
 */
const SELF = fileURLToPath(import.meta.url);

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? Number.NaN;
}

/** Child mode: append `n` notes, printing `seq time` after each commit. */
async function appendMode(home: string, journalId: string, n: number, gap: number): Promise<void> {
  const store = openStore({ home });
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, gap));
    const e = store.append({
      journalId,
      time: Date.now(),
      actor: "carol@deploy-2",
      terminal: null,
      phase: "bench",
      payload: { kind: "note", noteKind: "observation", text: `tick ${i}` },
    });
    process.stdout.write(`${e.seq} ${Date.now()}\n`);
  }
  store.close();
}

/** Opens one SSE client; records when each seq arrives. Resolves once the stream is open. */
function client(url: string, arrivals: Map<number, number[]>): Promise<http.ClientRequest> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, (res) => {
      let buf = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => {
        buf += d;
        let end = buf.indexOf("\n\n");
        while (end >= 0) {
          const msg = buf.slice(0, end);
          buf = buf.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(msg);
          if (id && msg.startsWith("event: event")) {
            const seq = Number(id[1]);
            arrivals.set(seq, [...(arrivals.get(seq) ?? []), Date.now()]);
          }
          end = buf.indexOf("\n\n");
        }
      });
      resolve(req);
    });
    req.on("error", reject);
  });
}

/** Runs the SSE latency benchmark and returns its rows. */
export async function main(opts: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const quick = opts.quick ?? false;
  const clients = Number(process.env.BENCH_SSE_CLIENTS ?? (quick ? 10 : 50));
  const events = Number(process.env.BENCH_SSE_EVENTS ?? (quick ? 30 : 200));
  const gap = Number(process.env.BENCH_SSE_GAP_MS ?? 25);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-bench-sse-"));
  const store = openStore({ home });
  const server = await startServer({ reader: store, port: 0 });
  const conns: http.ClientRequest[] = [];
  try {
    const j = store.createJournal({ title: "SSE bench", tool: "kayobe" });
    const arrivals = new Map<number, number[]>();
    for (let i = 0; i < clients; i++)
      conns.push(await client(`${server.url}events/${j.id}?after=0`, arrivals));
    const appended = new Map<number, number>();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [
        "--import",
        "tsx",
        SELF,
        "--append",
        home,
        j.id,
        String(events),
        String(gap),
      ]);
      let out = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.on("exit", (code) => {
        for (const line of out.trim().split("\n")) {
          const [seq, t] = line.split(" ").map(Number);
          appended.set(seq as number, t as number);
        }
        code === 0 ? resolve() : reject(new Error(`appender exited ${code}`));
      });
    });
    const deadline = Date.now() + 5000;
    while (
      Date.now() < deadline &&
      [...appended.keys()].some((s) => (arrivals.get(s)?.length ?? 0) < clients)
    ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const latencies: number[] = [];
    let missing = 0;
    for (const [seq, t] of appended) {
      const got = arrivals.get(seq) ?? [];
      missing += clients - got.length;
      for (const a of got) latencies.push(Math.max(0, a - t));
    }
    const p99 = percentile(latencies, 99);
    return [
      {
        bench: "sse-latency",
        metric: `p50 append→delivery (${clients} clients, ${events} events)`,
        value: percentile(latencies, 50),
        unit: "ms",
      },
      {
        bench: "sse-latency",
        metric: "p99 append→delivery",
        value: p99,
        unit: "ms",
        target: "<= 200 ms",
        pass: p99 <= 200 && missing === 0,
      },
      {
        bench: "sse-latency",
        metric: "deliveries missing",
        value: missing,
        unit: "",
        target: "0",
        pass: missing === 0,
      },
    ];
  } finally {
    for (const c of conns) c.destroy();
    await server.close();
    store.close();
    fs.rmSync(home, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  if (args[0] === "--append") {
    await appendMode(args[1] as string, args[2] as string, Number(args[3]), Number(args[4]));
  } else {
    const { printRows } = await import("./lib.js");
    printRows(await main({ quick: process.env.BENCH_QUICK === "1" }));
  }
}
