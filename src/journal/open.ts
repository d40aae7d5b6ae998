import { closeSync, constants, existsSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import Database from "better-sqlite3";
import { fail } from "../errors/index.js";
import { makeDirs } from "../util/make-dirs.js";
import { STORE_FILE } from "./home.js";
import { ulidSource } from "./ids.js";
import { checkVersion, migrate } from "./migrations.js";
import { buildStore } from "./store.js";
import { storeError } from "./store-errors.js";
import type { JournalStore } from "./store-types.js";

export interface OpenOptions {
  /** The store's folder (see resolveHome); created with mode 0700 when missing. */
  home: string;
  now?: () => number;
  /** How long to wait for another process's write lock before StoreLocked (default 5000). */
  busyTimeoutMs?: number;
  /** Open without writing anything (no folder creation, no migration). */
  readonly?: boolean;
  /** Id generator (default: monotonic ULIDs seeded by `now`). */
  ids?: () => string;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Switches a new file to WAL. The switch needs an exclusive lock and SQLite answers SQLITE_BUSY
 * at once, without its busy handler, when another process opens the same fresh file at that
 * instant; so wait and retry here, up to the busy timeout.
 */
function useWal(db: Database.Database, busyMs: number): void {
  const deadline = Date.now() + busyMs;
  for (;;) {
    try {
      if (db.pragma("journal_mode", { simple: true }) === "wal") return;
      db.pragma("journal_mode = WAL");
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== "SQLITE_BUSY" || Date.now() > deadline) throw err;
      Atomics.wait(pause, 0, 0, 10);
    }
  }
}

function configure(db: Database.Database, readonly: boolean, busyMs: number): void {
  if (!readonly) useWal(db, busyMs);
  db.pragma("foreign_keys = ON");
  // In WAL mode NORMAL survives process crashes (kill -9); only a power cut can lose the last commits.
  db.pragma("synchronous = NORMAL");
}

/**
 * Makes a missing store file empty (SQLite's own new database) and readable by its owner only:
 * it names hosts, users and commands, and STACKLOG_HOME may be a shared folder. SQLite gives
 * the -wal and -shm files the same permissions.
 */
function createPrivate(path: string): void {
  try {
    closeSync(openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600));
  } catch {
    // there already, or not creatable: SQLite opens it or says why
  }
}

let binding: string | null | undefined;

/**
 * better-sqlite3's compiled add-on, named directly: left to itself the package looks for it with
 * `bindings`, which tries a dozen paths first (about 2 ms of every start). Undefined, so that the
 * package looks for itself, when it is not where a build from source puts it.
 */
function nativeBinding(): string | undefined {
  if (binding === undefined) {
    try {
      binding = createRequire(import.meta.url).resolve(
        "better-sqlite3/build/Release/better_sqlite3.node",
      );
    } catch {
      binding = null;
    }
  }
  return binding ?? undefined;
}

/**
 * Opens (creating and migrating when needed) the SQLite store `<home>/stacklog.db`.
 * Fails with StoreLocked, StoreCorrupt, StoreUnwritable, StoreTooNew or StoreNotFound.
 */
export function openStore(opts: OpenOptions): JournalStore {
  const path = join(opts.home, STORE_FILE);
  const busyMs = opts.busyTimeoutMs ?? 5000;
  const now = opts.now ?? Date.now;
  const readonly = opts.readonly ?? false;
  let db: Database.Database | null = null;
  try {
    if (readonly && !existsSync(path)) throw fail("StoreNotFound", path);
    if (!readonly) {
      makeDirs(opts.home, 0o700);
      createPrivate(path);
    }
    db = new Database(path, {
      readonly,
      fileMustExist: readonly,
      timeout: busyMs,
      nativeBinding: nativeBinding(),
    });
    configure(db, readonly, busyMs);
    if (readonly) checkVersion(db, path);
    else migrate(db, path, now);
    return buildStore({ db, path, now, nextId: opts.ids ?? ulidSource(now), busyMs });
  } catch (err) {
    db?.close();
    throw storeError(err, path, busyMs);
  }
}
