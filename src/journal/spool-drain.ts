import { readdirSync, readFileSync, renameSync, unlinkSync } from "node:fs";
import { join } from "node:path";
import { StacklogError } from "../errors/index.js";
import { pidAlive, thisHost } from "./liveness.js";
import { type SpoolRecord, safeHost, splitLines, spoolFolder } from "./spool.js";
import type { JournalStore, RunningCommand } from "./store-types.js";
import { assertNever } from "./types.js";

export interface DrainOptions {
  host?: string;
  pid?: number;
  /** Whether a process of this host still runs (default: signal 0). */
  isAlive?: (pid: number) => boolean;
}

export interface DrainReport {
  /** Files stored and deleted. */
  files: number;
  /** Records applied (records already in the store count too: replay is idempotent). */
  stored: number;
  /** Torn last lines dropped, and lines that were not JSON. */
  dropped: number;
  /** Files left in place: still being written, or waiting for a journal not yet stored. */
  left: number;
  /** Files set aside as `….rejected` because a record in them cannot be stored. */
  rejected: number;
  /** The journals, not in the store, that the files left in place wait for. */
  waitingFor: string[];
}

const OPEN = /^(.+)-(\d+)-[0-9A-Z]{26}(\.closed)?\.jsonl$/;
const CLAIM = /^(.+\.jsonl)\.claim-(.+)-(\d+)$/;

/** The spool files this drainer may take, as [current name, original name]. */
function takeable(
  names: string[],
  host: string,
  isAlive: (pid: number) => boolean,
): [string, string][] {
  const out: [string, string][] = [];
  for (const name of names) {
    const claim = CLAIM.exec(name);
    if (claim) {
      // A drainer that died mid-drain left its claim; replaying it is safe.
      if (claim[2] === host && !isAlive(Number(claim[3]))) out.push([name, claim[1] as string]);
      continue;
    }
    const open = OPEN.exec(name);
    if (open && (open[3] || (open[1] === host && !isAlive(Number(open[2])))))
      out.push([name, name]);
  }
  // Oldest first by the ULID in the name, so that replays follow the order of the writes.
  return out.sort((a, b) => ulidOf(a[1]).localeCompare(ulidOf(b[1])));
}

function ulidOf(name: string): string {
  return /([0-9A-Z]{26})(\.closed)?\.jsonl$/.exec(name)?.[1] ?? name;
}

function apply(store: JournalStore, r: SpoolRecord): void {
  switch (r.type) {
    case "journal":
      store.createJournal(r.journal);
      return;
    case "running":
      startRunning(store, r.running);
      return;
    case "event": {
      const e = store.append(r.event);
      // the command's end, spooled or not: its running row is done with
      if (e.payload.kind === "command") store.finishRunning(e.id);
      return;
    }
    case "output":
      store.putOutputChunk(r.outputId, r.index, r.t, r.data);
      return;
    case "output-end":
      store.endOutput(r.outputId);
      return;
    default:
      assertNever(r);
  }
}

/**
 * A spooled start becomes a running row, as a start written to the store is: the command's
 * event (later in the file, or in another) removes it, and when none comes because the recorder
 * was killed, `reapStale` records the command as interrupted with the output stored so far.
 */
function startRunning(store: JournalStore, r: RunningCommand): void {
  store.getJournal(r.journalId); // a journal not stored yet: the file waits for it
  if (!hasEvent(store, r)) store.markRunning(r);
}

/** The command's event is stored already (a file replayed, or its end drained first). */
function hasEvent(store: JournalStore, r: RunningCommand): boolean {
  try {
    store.getEvent(r.journalId, r.eventId);
    return true;
  } catch (err) {
    if (err instanceof StacklogError && err.code === "EventNotFound") return false;
    throw err;
  }
}

function parse(lines: string[]): { records: SpoolRecord[]; bad: number } {
  const records: SpoolRecord[] = [];
  let bad = 0;
  for (const line of lines) {
    try {
      records.push(JSON.parse(line) as SpoolRecord);
    } catch {
      bad += 1;
    }
  }
  return { records, bad };
}

/**
 * Imports one claimed file in one transaction; when it must wait, returns the journals it waits
 * for (not in the store, nor created by the file itself), else null.
 */
function drainFile(
  store: JournalStore,
  claimed: string,
  original: string,
  report: DrainReport,
): string[] | null {
  const { lines, torn } = splitLines(readFileSync(claimed, "utf8"));
  const { records, bad } = parse(lines);
  try {
    store.batch(() => {
      for (const r of records) apply(store, r);
    });
  } catch (err) {
    if (!(err instanceof StacklogError)) {
      // A record the store cannot take (not a spool record, missing fields) would block every
      // later drain: set the file aside for a person to look at.
      renameSync(claimed, `${original}.rejected`);
      report.rejected += 1;
      return null;
    }
    renameSync(claimed, original);
    if (err.code === "JournalNotFound") return missingJournals(store, records);
    throw err;
  }
  unlinkSync(claimed);
  report.files += 1;
  report.stored += records.length;
  report.dropped += bad + (torn ? 1 : 0);
  return null;
}

function missingJournals(store: JournalStore, records: SpoolRecord[]): string[] {
  const named = new Set<string>();
  const created = new Set<string>();
  for (const r of records) {
    if (r.type === "event") named.add(r.event.journalId);
    else if (r.type === "running") named.add(r.running.journalId);
    else if (r.type === "journal" && r.journal.id) created.add(r.journal.id);
  }
  return [...named].filter((id) => !created.has(id) && !holds(store, id));
}

/** An event is stored only under its journal's exact id (a prefix resolves, but does not do). */
function holds(store: JournalStore, journalId: string): boolean {
  try {
    return store.getJournal(journalId).id === journalId;
  } catch (err) {
    if (err instanceof StacklogError) return false;
    throw err;
  }
}

/**
 * Stores every complete spooled record, idempotently, one transaction per file, and deletes
 * each file once stored. A file is claimed by renaming it first, so two drainers never import
 * the same file; files whose writer still runs on this host are left alone.
 */
export function drainSpool(dir: string, store: JournalStore, opts: DrainOptions = {}): DrainReport {
  const folder = spoolFolder(dir);
  const host = safeHost(opts.host ?? thisHost());
  const me = `${host}-${opts.pid ?? process.pid}`;
  const report: DrainReport = {
    files: 0,
    stored: 0,
    dropped: 0,
    left: 0,
    rejected: 0,
    waitingFor: [],
  };
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return report;
  }
  let pending = takeable(names, host, opts.isAlive ?? pidAlive);
  // Files can depend on each other (a journal created in one, its events in another): retry while that helps.
  const waitsFor = new Set<string>();
  while (pending.length > 0) {
    const waiting: [string, string][] = [];
    waitsFor.clear();
    for (const [name, original] of pending) {
      const claimed = join(folder, `${original}.claim-${me}`);
      try {
        renameSync(join(folder, name), claimed);
      } catch {
        continue; // another drainer took it
      }
      const missing = drainFile(store, claimed, join(folder, original), report);
      if (missing) {
        waiting.push([original, original]);
        for (const id of missing) waitsFor.add(id);
      }
    }
    if (waiting.length === pending.length) break;
    pending = waiting;
  }
  report.waitingFor = [...waitsFor].sort();
  report.left = readdirSync(folder).filter((n) => !n.endsWith(".rejected")).length;
  return report;
}
