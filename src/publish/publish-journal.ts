import fs from "node:fs";
import path from "node:path";
import { fail } from "../errors/index.js";
import type { Journal, JournalEvent, JournalReader } from "../journal/index.js";
import { renderAccount } from "./account-page.js";
import { configPage } from "./config-page.js";
import { type EventContext, eventView } from "./event-view.js";
import { journalFacts } from "./facts.js";
import { raw } from "./html.js";
import type { Rendered } from "./layout.js";
import { type LessonEntry, lessonEntries } from "./lessons-page.js";
import { journalKey, type ManifestEntry, RENDERER_VERSION } from "./manifest.js";
import type { StagedWriter } from "./out-dir.js";
import { outputPage } from "./output-page.js";
import { type OutputTail, outputTail } from "./output-tail.js";
import { accountPath, configPath, outputPath, planPath } from "./paths.js";
import { planPage } from "./plan-page.js";
import { cachePath, lessonsCachePath, readCache, reusable } from "./render-cache.js";
import { SAFE_SEGMENT } from "./routes.js";
import { searchDocs, searchShard, shardPath } from "./search-page.js";
import type { KnownSecret } from "./secret-guard.js";
import type { PublishOptions } from "./site.js";

/** One publish in progress: options, staged files and counts. */
export interface Run {
  o: PublishOptions;
  writer: StagedWriter;
  find: (text: string) => KnownSecret | null;
  written: number;
  skipped: number;
  /** Lesson entries of the journals rendered in this run. */
  lessons: Map<string, LessonEntry[]>;
}

/** Stages one file after checking it for known secrets. */
export function put(run: Run, rel: string, r: Rendered, where: () => string): void {
  const hit = run.find(r.body);
  if (hit) throw fail("SecretInOutput", `${where()} (${rel})`, hit.label);
  run.writer.write(rel, r.body);
  run.written++;
}

/** Names the first event of a journal whose record or output carries the secret. */
function locate(
  reader: JournalReader,
  j: Journal,
  events: readonly JournalEvent[],
  find: Run["find"],
): string {
  for (const e of events) {
    if (find(JSON.stringify(e.payload)) || find(`${e.actor} ${e.phase ?? ""} ${e.terminal ?? ""}`))
      return `event ${e.id}`;
    if (e.payload.kind === "command" && e.payload.outputId) {
      const out = reader
        .readOutput(e.payload.outputId)
        .map((c) => c.data)
        .join("");
      if (find(out)) return `event ${e.id}`;
    }
  }
  return `journal ${j.id}`;
}

/**
 * Stages a journal's account page, search shard, render cache and the output pages of commands
 * newer than the last publish; returns its manifest entry.
 */
export function publishJournal(
  run: Run,
  j: Journal,
  prev: ManifestEntry | undefined,
  outDir: string,
): ManifestEntry {
  const { reader } = run.o;
  const events = reader.events(j.id);
  const where = () => locate(reader, j, events, run.find);
  const facts = journalFacts(j, events, run.o.now?.());
  const cache = prev ? readCache(outDir, j.id, prev.lastSeq) : null;
  const reuse = reusable(cache, events);
  const fragments: [number, string][] = [];
  const fragment = (e: JournalEvent, ctx: EventContext) => {
    const known = reuse.get(e.seq);
    // Safe: HTML this renderer wrote at an earlier publish, read back from the output folder.
    const html = known !== undefined ? raw(known) : eventView(e, ctx);
    fragments.push([e.seq, html.value]);
    return html;
  };
  const tails = new Map<string, OutputTail>();
  const tail = (id: string) =>
    tails.get(id) ?? (tails.set(id, outputTail(reader, id)).get(id) as OutputTail);
  put(
    run,
    accountPath(j.id),
    renderAccount(reader, j, events, { now: run.o.now?.(), tail, fragment }),
    where,
  );
  const fresh = cache ? events.filter((e) => e.seq > cache.lastSeq) : events;
  const docs = [...(cache?.docs ?? []), ...searchDocs(j, fresh, (id) => tail(id).text)];
  put(run, shardPath(j.id), searchShard(j, docs), where);
  run.writer.write(
    cachePath(j.id),
    JSON.stringify({ renderer: RENDERER_VERSION, lastSeq: facts.lastSeq, fragments, docs }),
  );
  const pages = [
    [configPath(j.id), configPage(j, events)],
    [planPath(j.id), planPage(j, events)],
  ] as const;
  for (const [rel, page] of pages) if (page) put(run, rel, page, where);
  const lessons = lessonEntries(j, events);
  run.lessons.set(j.id, lessons);
  run.writer.write(lessonsCachePath(j.id), JSON.stringify(lessons));
  let outputs = 0;
  for (const e of events) {
    if (e.payload.kind !== "command" || !e.payload.outputId) continue;
    outputs++;
    const rel = outputPath(j.id, e.payload.outputId);
    if (!SAFE_SEGMENT.test(e.payload.outputId)) throw fail("UnsafeOutputPath", rel, outDir);
    if (prev && e.seq <= prev.lastSeq && fs.existsSync(path.join(outDir, rel))) {
      run.skipped++;
      continue;
    }
    put(run, rel, outputPage(reader, j.id, e, e.payload.outputId), () => `event ${e.id}`);
  }
  return {
    key: journalKey(j, facts.lastSeq),
    lastSeq: facts.lastSeq,
    outputs,
    pages: pages.filter(([, page]) => page).length,
    facts,
  };
}
