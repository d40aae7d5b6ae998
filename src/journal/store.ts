import type Database from "better-sqlite3";
import { eventTable } from "./events.js";
import { exportFrom } from "./export.js";
import { importInto } from "./import.js";
import { completeJournal, journalTable } from "./journals.js";
import { thisHost } from "./liveness.js";
import { outputTable } from "./outputs.js";
import { runningTable } from "./running.js";
import { searchStore } from "./search.js";
import { secretSources } from "./secrets.js";
import { guardMethods, storeError } from "./store-errors.js";
import type { JournalStore, OutputWriter } from "./store-types.js";
import type { NewEvent } from "./types.js";

export interface StoreContext {
  db: Database.Database;
  path: string;
  now: () => number;
  nextId: () => string;
  busyMs: number;
}

function guardWriter(w: OutputWriter, path: string, busyMs: number): OutputWriter {
  const safe = guardMethods(
    { write: w.write, writeEncoded: w.writeEncoded, end: w.end },
    path,
    busyMs,
  );
  return {
    id: w.id,
    get chunks() {
      return w.chunks;
    },
    get bytes() {
      return w.bytes;
    },
    write: safe.write,
    writeEncoded: safe.writeEncoded,
    end: safe.end,
  };
}

/** Builds the store over an open, migrated database. */
export function buildStore(ctx: StoreContext): JournalStore {
  const { db, path, now, nextId, busyMs } = ctx;
  const journals = journalTable(db);
  const events = eventTable(db, nextId);
  const outputs = outputTable(db, nextId, now);
  const running = runningTable(db, events, outputs);
  const secrets = secretSources(db, now);
  const immediate = <T>(fn: () => T): T => db.transaction(fn).immediate();

  const store: JournalStore = {
    path,
    withBusyTimeout: (ms, fn) => {
      db.pragma(`busy_timeout = ${Math.max(0, Math.floor(ms))}`);
      try {
        return fn();
      } finally {
        db.pragma(`busy_timeout = ${busyMs}`);
      }
    },
    listJournals: () => journals.list(),
    getJournal: (ref) => journals.resolve(ref),
    events: (journalId, query) => events.query(journalId, query),
    lastSeq: (journalId) => events.lastSeq(journalId),
    readOutput: (id, opts) => outputs.read(id, opts?.tailBytes),
    outputSize: (id) => outputs.size(id),
    createJournal: (meta) =>
      immediate(() => journals.create(completeJournal(meta, meta.id ?? nextId(), now()))),
    updateJournal: (id, patch) => immediate(() => journals.update(id, patch)),
    current: () => journals.current(),
    setCurrent: (id) => journals.setCurrent(id),
    append: (e: NewEvent) => immediate(() => events.appendOne(e)),
    appendMany: (es) => immediate(() => es.map((e) => events.appendOne(e))),
    getEvent: (journalId, ref) => events.get(journalId, ref),
    search: searchStore(db),
    beginOutput: () => guardWriter(outputs.begin(), path, busyMs),
    putOutputChunk: (id, n, t, chunk) =>
      immediate(() => {
        outputs.ensure(id);
        outputs.putChunk(id, n, t, chunk);
      }),
    endOutput: (id) => immediate(() => outputs.exists(id) && outputs.finalize(id, now())),
    batch: (fn) => immediate(fn),
    markRunning: (r) => running.mark(r),
    finishRunning: (eventId) => running.finish(eventId),
    listRunning: (journalId) => running.list(journalId),
    reapStale: (isAlive, host = thisHost()) => running.reap(isAlive, host),
    addSecretSource: (s) => secrets.add(s),
    listSecretSources: () => secrets.list(),
    exportJournal: (id) => exportFrom(journals, events, outputs, id),
    importJournal: (doc, opts) => importInto({ db, journals, events, outputs }, doc, opts),
    close: () => {
      try {
        db.close();
      } catch (err) {
        throw storeError(err, path, busyMs);
      }
    },
  };
  return guardMethods(store, path, busyMs);
}
