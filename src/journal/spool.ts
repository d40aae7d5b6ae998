import {
  closeSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { makeDirs } from "../util/make-dirs.js";
import { ulidSource } from "./ids.js";
import { thisHost } from "./liveness.js";
import type { NewJournal, RunningCommand } from "./store-types.js";
import type { NewEvent } from "./types.js";

/**
 * What a spool line holds: the writes a store could not take at the time. Journals and
 * events get their id when spooled (if they lack one), so replaying a line twice stores it once;
 * an output chunk is identified by its output and `index` (0, 1, 2, … within the output).
 * `running` is a command's start, written before its output: stored as a running row, which its
 * `command` event ends, or which is reaped as interrupted when the recorder died first.
 */
export type SpoolRecord =
  | { type: "journal"; journal: NewJournal }
  | { type: "running"; running: RunningCommand }
  | { type: "event"; event: NewEvent }
  | { type: "output"; outputId: string; index: number; t: number; data: string }
  | { type: "output-end"; outputId: string };

/** An append-only JSON-lines file owned by one process. */
export interface Spool {
  readonly path: string;
  /** Writes one line and fsyncs it before returning. */
  append(record: SpoolRecord): void;
  /** Closes the file and marks it complete, so drainers may take it while this process lives. */
  close(): void;
}

export interface SpoolOptions {
  host?: string;
  pid?: number;
  ids?: () => string;
}

/** The folder holding spool files under a spool dir. */
export function spoolFolder(dir: string): string {
  return join(dir, "spool");
}

/** Host names end up in file names: keep them to safe characters. */
export function safeHost(host: string): string {
  return host.replace(/[^A-Za-z0-9._]/g, "_");
}

/**
 * A spool file `<dir>/spool/<host>-<pid>-<ulid>.jsonl`, created on the first append.
 * `close()` renames it to `….closed.jsonl`.
 */
export function createSpool(dir: string, opts: SpoolOptions = {}): Spool {
  const folder = spoolFolder(dir);
  const nextId = opts.ids ?? ulidSource(Date.now);
  const base = `${safeHost(opts.host ?? thisHost())}-${opts.pid ?? process.pid}-${nextId()}`;
  const path = join(folder, `${base}.jsonl`);
  let fd: number | null = null;
  return {
    path,
    append(record) {
      if (fd === null) {
        makeDirs(folder, 0o700);
        fd = openSync(path, "a", 0o600);
      }
      const line = Buffer.from(`${JSON.stringify(withId(record, nextId))}\n`, "utf8");
      for (let done = 0; done < line.length; ) done += writeSync(fd, line, done);
      fsyncSync(fd);
    },
    close() {
      if (fd === null) return;
      closeSync(fd);
      fd = null;
      renameSync(path, join(folder, `${base}.closed.jsonl`));
    },
  };
}

function withId(r: SpoolRecord, nextId: () => string): SpoolRecord {
  if (r.type === "event" && !r.event.id) return { ...r, event: { ...r.event, id: nextId() } };
  if (r.type === "journal" && !r.journal.id)
    return { ...r, journal: { ...r.journal, id: nextId() } };
  return r;
}

/** Complete lines of a spool file's text; a last line without its newline was torn by a kill. */
export function splitLines(text: string): { lines: string[]; torn: boolean } {
  const parts = text.split("\n");
  const last = parts.pop();
  return { lines: parts.filter((l) => l.trim() !== ""), torn: last !== undefined && last !== "" };
}

/** How many complete records wait in the spool (including files being written or drained). */
export function spooledCount(dir: string): number {
  const folder = spoolFolder(dir);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return 0;
  }
  let n = 0;
  for (const name of names) {
    try {
      n += splitLines(readFileSync(join(folder, name), "utf8")).lines.length;
    } catch {
      // Drained and deleted between the listing and the read.
    }
  }
  return n;
}
