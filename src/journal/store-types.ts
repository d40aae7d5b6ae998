import type { ExportDoc } from "./export-types.js";
import type {
  CaptureMode,
  EventKind,
  Journal,
  JournalEvent,
  JournalReader,
  JournalStatus,
  NewEvent,
} from "./types.js";

/** What `createJournal` needs; everything but the title has a default. */
export interface NewJournal {
  /** Pre-assigned id (spooled creations carry one); a ULID otherwise. */
  id?: string;
  title: string;
  site?: string | null;
  system?: string | null;
  tool?: string | null;
  fromSeries?: string | null;
  toSeries?: string | null;
  /** Defaults to `in-progress`. */
  status?: JournalStatus;
  operators?: string[];
  createdAt?: number;
  /** Defaults to `createdAt` for an `in-progress` journal, null otherwise. */
  startedAt?: number | null;
  endedAt?: number | null;
}

/** Journal metadata that may change after creation (events never do). */
export type JournalPatch = Partial<Pick<Journal, "status" | "startedAt" | "endedAt" | "operators">>;

/** Streams one command's (already redacted) output into the store, one row per `write`. */
export interface OutputWriter {
  readonly id: string;
  /** Chunks stored so far; the next spooled chunk of this output takes this number. */
  readonly chunks: number;
  /** Uncompressed UTF-8 bytes stored so far. */
  readonly bytes: number;
  /** Stores the chunk before returning, so a kill -9 afterwards keeps it. */
  write(chunk: string, tOffsetMs: number): void;
  /**
   * Stores a chunk already encoded by `encodeChunk` (e.g. in a worker thread); the caller
   * then passes the text to index to `end`, since the writer never saw it.
   */
  writeEncoded(chunk: EncodedChunk): void;
  /**
   * Marks the output complete and indexes it for search: `indexText` when given (the head and
   * tail an `EdgeText` kept), else what `write` saw.
   */
  end(indexText?: string): void;
}

/** One output chunk as stored: compressed (or plain) UTF-8 with its time offset. */
export interface EncodedChunk {
  /** Milliseconds since the command started. */
  t: number;
  /** Uncompressed UTF-8 bytes. */
  bytes: number;
  /** 0 plain, 1 deflate-raw. */
  enc: number;
  data: Uint8Array;
}

/** A command that has started and not yet been recorded as an event. */
export interface RunningCommand {
  /** The id the command event will have (pre-assigned so that reaping and finishing agree). */
  eventId: string;
  journalId: string;
  line: string;
  argv: string[] | null;
  cwd: string;
  user: string;
  mode: CaptureMode;
  startedAt: number;
  pid: number;
  host: string;
  outputId: string | null;
  actor: string;
  terminal: string | null;
  phase: string | null;
}

/** A file whose values are redacted; the store keeps where it is, never what it holds. */
export interface SecretSource {
  path: string;
  /** e.g. `kolla-passwords`, `clouds-yaml`, `secure-yaml`, `file`. */
  kind: string;
  addedAt: number;
}

export interface SearchOptions {
  journalId?: string;
  /** At most this many hits, best first (default 50). */
  limit?: number;
  /** Strings put around matched words in `snippet` (default « and »). */
  mark?: [string, string];
}

/** One search match. `eventId` and `seq` are null for a match on a journal's title. */
export interface SearchHit {
  journalId: string;
  /** What matched: the journal's title, a command's output, or the text of an event of that kind. */
  field: "title" | "output" | EventKind;
  eventId: string | null;
  seq: number | null;
  kind: EventKind | null;
  snippet: string;
}

/** The SQLite journal store: read side plus every write the CLI, capture and spool need. */
export interface JournalStore extends JournalReader {
  readonly path: string;
  /** Runs `fn` with writes waiting at most `ms` for another writer's lock (then StoreLocked). */
  withBusyTimeout<T>(ms: number, fn: () => T): T;
  /** Idempotent on `id`: creating an existing journal returns it unchanged. */
  createJournal(meta: NewJournal): Journal;
  updateJournal(id: string, patch: JournalPatch): Journal;
  /** The store's current journal, or null. */
  current(): Journal | null;
  setCurrent(id: string | null): void;
  /** Assigns id (when absent) and the next seq; an event whose id exists is returned as stored. */
  append(e: NewEvent): JournalEvent;
  /** Like `append`, all in one transaction. */
  appendMany(es: readonly NewEvent[]): JournalEvent[];
  /** `ref` is a seq (`12`, `#12`), a full id or a unique id prefix. */
  getEvent(journalId: string, ref: string): JournalEvent;
  search(query: string, opts?: SearchOptions): SearchHit[];
  beginOutput(): OutputWriter;
  /** Stores chunk number `n` of an output (creating the output); a stored `n` is kept. For spool replay. */
  putOutputChunk(outputId: string, n: number, tOffsetMs: number, chunk: string): void;
  /** Marks an output complete and indexes it (what `OutputWriter.end` does). For spool replay. */
  endOutput(outputId: string): void;
  /** Runs `fn` in one write transaction (BEGIN IMMEDIATE); store calls inside it join it. */
  batch<T>(fn: () => T): T;
  markRunning(r: RunningCommand): void;
  finishRunning(eventId: string): void;
  listRunning(journalId: string): RunningCommand[];
  /**
   * Records every running command of this host whose process is gone as an interrupted
   * `command` event (with the output stored so far) and forgets it. Returns those events.
   */
  reapStale(isAlive: (pid: number, host: string) => boolean, host?: string): JournalEvent[];
  addSecretSource(s: { path: string; kind: string }): SecretSource;
  listSecretSources(): SecretSource[];
  exportJournal(id: string): ExportDoc;
  /** All or nothing; `source` names the file in error messages. */
  importJournal(doc: unknown, opts?: { replace?: boolean; source?: string }): Journal;
  close(): void;
}
