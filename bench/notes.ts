import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { scanNotes } from "../src/plan/notes/index.js";
import { buildKollaLike } from "../test/fixtures/notes/kolla-like.js";
import { renoDump, requireReno } from "../test/fixtures/notes/reno-ref.js";
import { type BenchRow, median, printRows, timeCommand } from "./lib.js";

const TARGET = 10;

async function sameNotes(
  repo: string,
  ours: Parameters<typeof scanNotes>[0],
  theirs: Record<string, string>,
): Promise<boolean> {
  const shape = (vs: { version: string; notes: { file: string; sections?: unknown }[] }[]) =>
    JSON.stringify(
      vs
        .map((v) => ({ v: v.version, n: v.notes.map((n) => [n.file, n.sections]) }))
        .filter((v) => v.n.length),
    );
  return shape((await scanNotes(ours)).releases) === shape(renoDump(repo, theirs));
}

// One timed scan, in ms.
async function timeScan(opts: Parameters<typeof scanNotes>[0]): Promise<number> {
  const t0 = process.hrtime.bigint();
  await scanNotes(opts);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** Times scanNotes against `reno report` on a generated kolla-ansible-sized repository. */
export async function main(opts: { quick?: boolean } = {}): Promise<BenchRow[]> {
  requireReno();
  const env = process.env;
  const size = {
    notes: Number(env.BENCH_NOTES ?? (opts.quick ? 400 : 3000)),
    tags: Number(env.BENCH_TAGS ?? (opts.quick ? 60 : 300)),
    branches: Number(env.BENCH_BRANCHES ?? (opts.quick ? 2 : 4)),
  };
  const runs = Number(env.BENCH_RUNS ?? (opts.quick ? 1 : 5));
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-notes-bench-"));
  try {
    buildKollaLike(repo, size);
    const branches = execFileSync(
      "git",
      ["-C", repo, "for-each-ref", "--format=%(refname:lstrip=3)", "refs/heads/stable"],
      { encoding: "utf8" },
    )
      .split("\n")
      .filter(Boolean)
      .sort();
    const cases: {
      metric: string;
      ours: Parameters<typeof scanNotes>[0];
      reno: Record<string, string>;
      args: string[];
    }[] = [
      {
        metric: "whole history (master)",
        ours: { repo, earliestVersion: "1.0.0" },
        reno: { earliest_version: "1.0.0" },
        args: ["--earliest-version", "1.0.0"],
      },
      { metric: "current series (master)", ours: { repo }, reno: {}, args: [] },
      {
        metric: `stable/${branches.at(-1)}`,
        ours: { repo, branch: `stable/${branches.at(-1)}` },
        reno: { branch: `stable/${branches.at(-1)}` },
        args: ["--branch", `stable/${branches.at(-1)}`],
      },
    ];
    const rows: BenchRow[] = [];
    for (const c of cases) {
      // Runs alternate between the two so both see the same load on a shared machine.
      const mine: number[] = [];
      const theirs: number[] = [];
      for (let i = 0; i < runs; i++) {
        mine.push(await timeScan(c.ours));
        theirs.push(timeCommand("reno", ["report", ...c.args, repo]));
      }
      const ours = median(mine);
      const peer = median(theirs);
      const same = await sameNotes(repo, c.ours, c.reno);
      const ratio = peer / ours;
      rows.push({
        bench: `notes ${size.notes}n/${size.tags}t`,
        metric: `${c.metric}${same ? "" : " (NOTES DIFFER)"}`,
        value: ours,
        unit: "ms",
        peer: "reno report",
        peerValue: peer,
        ratio,
        target: `>= ${TARGET}x, same notes`,
        pass: same && ratio >= TARGET,
      });
    }
    return rows;
  } finally {
    fs.rmSync(repo, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  printRows(await main({ quick: process.argv.includes("--quick") }));
}
