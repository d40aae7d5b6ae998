import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type JournalStore, type NewEvent, openStore } from "../src/journal/index.js";
import { publishSite, stripAnsi } from "../src/publish/index.js";
import { type BenchRow, median, timeCommand } from "./lib.js";

/**
 * Publishing speed against Debian's Hugo building the same content as Markdown, and the time
 * to publish again after one append. Sizes: BENCH_JOURNALS × BENCH_EVENTS events (default
 * 100 × 5,000), every third event a command with BENCH_OUTPUT_KB of output (default 6, about
 * 1 GB in all); BENCH_RUNS cold runs each (default 1).
 */
interface Sizes {
  journals: number;
  events: number;
  outputKb: number;
  runs: number;
}

function sizes(quick: boolean): Sizes {
  const env = (name: string, full: number, small: number) =>
    Number(process.env[name] ?? (quick ? small : full));
  return {
    journals: env("BENCH_JOURNALS", 100, 4),
    events: env("BENCH_EVENTS", 5000, 300),
    outputKb: env("BENCH_OUTPUT_KB", 6, 2),
    runs: env("BENCH_RUNS", 1, 1),
  };
}

const HOSTS = ["ctl01", "ctl02", "ctl03", "cmp001", "cmp002", "net01"];

function outputText(i: number, kb: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let n = 0; size < kb * 1024; n++) {
    const host = HOSTS[(i + n) % HOSTS.length];
    const line =
      n % 7 === 0
        ? `\x1b[0;33mchanged: [${host}] => (item=nova-api-${n})\x1b[0m`
        : `\x1b[0;32mok: [${host}]\x1b[0m TASK [service-check : Wait for ${host} port ${8000 + (n % 900)}] ***`;
    lines.push(line);
    size += line.length + 1;
  }
  return `${lines.join("\n")}\n`;
}

function eventAt(
  journalId: string,
  t: number,
  i: number,
  phase: string,
  outputId: string | null,
  kb: number,
): NewEvent {
  const base = { journalId, time: t, actor: "alice@deploy-1", terminal: "pts/1", phase };
  if (outputId)
    return {
      ...base,
      payload: {
        kind: "command",
        line: `kolla-ansible -i multinode upgrade --limit ${HOSTS[i % HOSTS.length]} --tags step-${i}`,
        argv: null,
        cwd: "/root",
        host: "deploy-1",
        user: "alice",
        mode: "pty",
        startedAt: t,
        endedAt: t + 30_000,
        durationMs: 30_000,
        exitStatus: i % 97 === 0 ? 2 : 0,
        signal: null,
        outputId,
        outputBytes: kb * 1024,
      },
    };
  const noteKind = i % 11 === 0 ? "problem" : i % 13 === 0 ? "lesson" : "observation";
  return {
    ...base,
    payload: {
      kind: "note",
      noteKind,
      text: `step ${i}: galera and rabbitmq healthy on ${HOSTS[i % 6]}`,
    },
  };
}

/** Fills a store with the benchmark's journals. */
function generate(store: JournalStore, s: Sizes): string[] {
  const ids: string[] = [];
  for (let j = 0; j < s.journals; j++) {
    const start = Date.UTC(2025, 0, 1) + j * 86_400_000;
    const journal = store.createJournal({
      title: `Upgrade ${j} of cloud ${j % 7}`,
      tool: "kolla-ansible",
      fromSeries: "2024.1",
      toSeries: "2025.1",
      status: "completed",
      startedAt: start,
      endedAt: start + s.events * 60_000,
      createdAt: start,
    });
    const batch: NewEvent[] = [];
    for (let i = 0; i < s.events; i++) {
      const phase = `phase ${Math.floor((i / s.events) * 5)}`;
      let outputId: string | null = null;
      if (i % 3 === 0) {
        const out = store.beginOutput();
        const text = outputText(i, s.outputKb);
        for (let c = 0; c < text.length; c += 2048) out.write(text.slice(c, c + 2048), c);
        out.end();
        outputId = out.id;
      }
      batch.push(eventAt(journal.id, start + i * 60_000, i, phase, outputId, s.outputKb));
    }
    store.appendMany(batch);
    ids.push(journal.id);
  }
  return ids;
}

/** Writes the same content as Markdown pages (one per account, one per output) for Hugo. */
function exportMarkdown(store: JournalStore, ids: string[], dir: string): number {
  fs.mkdirSync(path.join(dir, "content", "journals"), { recursive: true });
  fs.mkdirSync(path.join(dir, "content", "outputs"), { recursive: true });
  fs.mkdirSync(path.join(dir, "layouts", "_default"), { recursive: true });
  fs.writeFileSync(
    path.join(dir, "hugo.toml"),
    'baseURL = "http://example.org/"\ntitle = "bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap"]\n[markup.highlight]\ncodeFences = false\n',
  );
  const layout =
    "<!doctype html><html><head><title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n";
  fs.writeFileSync(path.join(dir, "layouts", "_default", "single.html"), layout);
  fs.writeFileSync(
    path.join(dir, "layouts", "_default", "list.html"),
    '<!doctype html><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>\n',
  );
  let pages = 0;
  const fence = (t: string) => `\`\`\`\n${t.replace(/```/g, "'''")}\n\`\`\`\n`;
  for (const id of ids) {
    const j = store.getJournal(id);
    const parts = [`---\ntitle: "${j.title}"\n---\n`];
    for (const e of store.events(id)) {
      const p = e.payload;
      if (p.kind === "command" && p.outputId) {
        const all = store
          .readOutput(p.outputId)
          .map((c) => c.data)
          .join("");
        const tail = stripAnsi(all.slice(-4096));
        parts.push(`### #${e.seq} \`${p.line}\`\n\nexit ${p.exitStatus}\n\n${fence(tail)}\n`);
        fs.writeFileSync(
          path.join(dir, "content", "outputs", `${p.outputId}.md`),
          `---\ntitle: "output ${e.seq}"\n---\n${fence(stripAnsi(all))}`,
        );
        pages++;
      } else if (p.kind === "note") parts.push(`**${p.noteKind}**: ${p.text}\n`);
    }
    fs.writeFileSync(path.join(dir, "content", "journals", `${id}.md`), parts.join("\n"));
    pages++;
  }
  return pages;
}

function timed<T>(fn: () => T): [T, number] {
  const t0 = process.hrtime.bigint();
  const r = fn();
  return [r, Number(process.hrtime.bigint() - t0) / 1e6];
}

/** Runs the publish benchmark and returns its rows. */
export async function main(opts: { quick?: boolean } = {}): Promise<BenchRow[]> {
  const s = sizes(opts.quick ?? false);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-bench-publish-"));
  const store = openStore({ home: path.join(tmp, "home") });
  try {
    const ids = generate(store, s);
    const publishMs: number[] = [];
    let pages = 0;
    for (let r = 0; r < s.runs; r++) {
      const out = path.join(tmp, `site-${r}`);
      const [res, ms] = timed(() => publishSite({ reader: store, outDir: out }));
      pages = res.written;
      publishMs.push(ms);
      if (r < s.runs - 1) fs.rmSync(out, { recursive: true, force: true });
    }
    const site = path.join(tmp, `site-${s.runs - 1}`);
    const hugoDir = path.join(tmp, "hugo");
    const mdPages = exportMarkdown(store, ids, hugoDir);
    const hugoMs: number[] = [];
    for (let r = 0; r < s.runs; r++) {
      fs.rmSync(path.join(hugoDir, "public"), { recursive: true, force: true });
      hugoMs.push(
        timeCommand("hugo", ["--quiet", "-s", hugoDir, "-d", path.join(hugoDir, "public")]),
      );
    }
    store.append({
      journalId: ids[0] as string,
      time: Date.now(),
      actor: "bob@deploy-1",
      terminal: null,
      phase: "phase 4",
      payload: { kind: "note", noteKind: "lesson", text: "one more event" },
    });
    const [again, againMs] = timed(() => publishSite({ reader: store, outDir: site }));
    if (again.journalsRendered !== 1)
      throw new Error(`re-publish rendered ${again.journalsRendered} journals, expected 1`);
    const pub = median(publishMs);
    const hugo = median(hugoMs);
    const label = `${s.journals}×${s.events}, ${s.outputKb} KiB outputs`;
    return [
      {
        bench: "publish",
        metric: `cold publish (${label}, ${pages} files)`,
        value: pub / 1000,
        unit: "s",
        peer: `hugo (${mdPages} md pages)`,
        peerValue: hugo / 1000,
        ratio: pub / hugo,
        target: "<= 2x hugo",
        pass: pub <= 2 * hugo,
      },
      {
        bench: "publish",
        metric: "pages per second",
        value: pages / (pub / 1000),
        unit: "pages/s",
        peer: "hugo",
        peerValue: mdPages / (hugo / 1000),
      },
      {
        bench: "publish",
        metric: "re-publish after one append",
        value: againMs / 1000,
        unit: "s",
        target: "<= 1 s",
        pass: againMs <= 1000,
      },
    ];
  } finally {
    store.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { printRows } = await import("./lib.js");
  printRows(await main({ quick: process.env.BENCH_QUICK === "1" }));
}
