import { createHash } from "node:crypto";
import { lstatSync, type Stats } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fail, StacklogError } from "../errors/index.js";
import { drainSpool, type JournalStore, openStore, spooledCount } from "../journal/index.js";
import type { Ctx } from "./context.js";
import { ingestHooks } from "./hook-ingest.js";
import { loadRedaction } from "./redaction.js";

/**
 * Hook lines are stored as the shell wrote them: redact them with this call's secrets, or leave
 * them waiting while a registered source cannot be read.
 */
function hookRedactor(ctx: Ctx) {
  const redaction = loadRedaction(ctx);
  return redaction.unreadable.length > 0 ? null : redaction;
}

/**
 * Where events wait when the store cannot take them: beside the store when that folder is
 * writable, else under $XDG_STATE_HOME (or ~/.local/state), else the temp folder.
 * All are read back by the next successful call.
 *
 * The two fallbacks serve every store the user has, so each store has a folder of its own there,
 * named after the store's path: records go back to the store they were written for, not to
 * whichever store the next call opens (two stores may hold the same journal after an import).
 * The temp folder is shared with other users, who could make `stacklog-<uid>` first and read or
 * plant records there: it is used only while it is this user's alone (`privateTempDir`).
 */
export function spoolDirs(ctx: Ctx): string[] {
  const state = ctx.env.XDG_STATE_HOME ?? path.join(os.homedir(), ".local", "state");
  const key = createHash("sha256").update(path.resolve(ctx.home)).digest("hex").slice(0, 16);
  const dirs = [ctx.home, path.join(state, "stacklog", "stores", key)];
  if (privateTempDir(tempBase(), false)) dirs.push(path.join(tempBase(), "stores", key));
  return dirs;
}

/** `$TMPDIR/stacklog-<uid>`, under which the last of the spool folders lies. */
export function tempBase(): string {
  return path.join(os.tmpdir(), `stacklog-${uid()}`);
}

function uid(): number {
  return typeof process.getuid === "function" ? process.getuid() : 0;
}

/**
 * True when `dir` is a real folder (not a link) owned by this user that nobody else may enter —
 * or, unless `mustExist`, does not exist yet (the spool then makes it with mode 0700).
 */
export function privateTempDir(dir: string, mustExist: boolean): boolean {
  let st: Stats;
  try {
    st = lstatSync(dir);
  } catch {
    return !mustExist;
  }
  return st.isDirectory() && st.uid === uid() && (st.mode & 0o077) === 0;
}

/**
 * How long a write waits for another writer's lock: $STACKLOG_BUSY_TIMEOUT_MS, else 5 s — or,
 * for the store a running command is recorded into (`recording`), 1 s. Those writes happen
 * on the thread that copies the command's output to the terminal: waiting there would freeze
 * the command, so a store locked longer than that sends the record to the spool instead. Writers
 * hold the lock for milliseconds; only a long drain or import holds it longer.
 */
export const RECORDING_BUSY_MS = 1000;

function storeOptions(ctx: Ctx, recording: boolean) {
  const busy = Number(ctx.env.STACKLOG_BUSY_TIMEOUT_MS);
  const busyTimeoutMs = busy > 0 ? busy : recording ? RECORDING_BUSY_MS : undefined;
  return { home: ctx.home, now: ctx.now, ...(busyTimeoutMs ? { busyTimeoutMs } : {}) };
}

/** What a drain did: records stored, and the journals (not in the store) the rest waits for. */
export interface Drained {
  stored: number;
  waitingFor: string[];
}

/**
 * Stores what earlier calls spooled. Never throws. `locked` hears when the store stayed locked
 * (the rest then waits for a later call).
 */
export function drainAll(
  ctx: Ctx,
  store: JournalStore,
  locked?: (err: StacklogError) => void,
): Drained {
  let n = ingestHooks(ctx.home, store, () => hookRedactor(ctx));
  const waiting = new Set<string>();
  for (const dir of spoolDirs(ctx)) {
    try {
      const report = drainSpool(dir, store);
      n += report.stored;
      for (const id of report.waitingFor) waiting.add(id);
    } catch (err) {
      // a spool that cannot be read yet stays for a later call; a locked store for all of them
      if (err instanceof StacklogError && err.code === "StoreLocked") {
        locked?.(err);
        break;
      }
    }
  }
  return { stored: n, waitingFor: [...waiting].sort() };
}

/** Records still waiting in every spool folder. */
export function spooledTotal(ctx: Ctx): number {
  return spoolDirs(ctx).reduce((sum, dir) => {
    try {
      return sum + spooledCount(dir);
    } catch {
      return sum;
    }
  }, 0);
}

/**
 * How long the drain of `openForRead` waits for another writer. Reading needs no lock (WAL):
 * `log` or `show` while a long write holds the store reads at once, and what earlier calls
 * spooled is stored by a later call.
 */
const READ_DRAIN_BUSY_MS = 250;

/** Opens the store (read verbs): errors are catalogued and reach the user. Drains the spool. */
export function openForRead(ctx: Ctx, opts: { recording?: boolean } = {}): JournalStore {
  const store = openStore(storeOptions(ctx, opts.recording === true));
  store.withBusyTimeout(READ_DRAIN_BUSY_MS, () => drainAll(ctx, store));
  return store;
}

/**
 * Opens the store for writing, or says why not without throwing (never in the way). `drained`
 * counts the spooled records stored; `waitingFor` names the journals, not in this store, that
 * spooled records wait for (the store moved aside, or a journal named wrongly while it was down).
 */
export function tryOpen(
  ctx: Ctx,
  opts: { recording?: boolean } = {},
):
  | { ok: true; store: JournalStore; drained: number; waitingFor: string[] }
  | { ok: false; error: StacklogError } {
  try {
    const store = openStore(storeOptions(ctx, opts.recording === true));
    // A store that stayed locked through the drain is taken for locked: the write would only
    // wait as long again before going to the spool.
    let lockedError: StacklogError | null = null;
    const drained = drainAll(ctx, store, (e) => {
      lockedError = e;
    });
    if (lockedError) {
      store.close();
      return { ok: false, error: lockedError };
    }
    return { ok: true, store, drained: drained.stored, waitingFor: drained.waitingFor };
  } catch (err) {
    if (err instanceof StacklogError) return { ok: false, error: err };
    return { ok: false, error: fail("StoreUnwritable", ctx.home, (err as Error).message) };
  }
}
