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
  return redaction.unreadable.length > 0 ? null : redaction.redactor;
}

/**
 * Where events wait when the store cannot take them: beside the store when that folder is
 * writable, else under $XDG_STATE_HOME (or ~/.local/state), else the temp folder.
 * All are read back by the next successful call.
 */
export function spoolDirs(ctx: Ctx): string[] {
  const state = ctx.env.XDG_STATE_HOME ?? path.join(os.homedir(), ".local", "state");
  const uid = typeof process.getuid === "function" ? process.getuid() : 0;
  return [ctx.home, path.join(state, "stacklog"), path.join(os.tmpdir(), `stacklog-${uid}`)];
}

/** How long to wait for another writer's lock: $STACKLOG_BUSY_TIMEOUT_MS, default 5 s. */
function storeOptions(ctx: Ctx) {
  const busy = Number(ctx.env.STACKLOG_BUSY_TIMEOUT_MS);
  return { home: ctx.home, now: ctx.now, ...(busy > 0 ? { busyTimeoutMs: busy } : {}) };
}

/** Stores what earlier calls spooled; returns how many records went in. Never throws. */
export function drainAll(ctx: Ctx, store: JournalStore): number {
  let n = ingestHooks(ctx.home, store, () => hookRedactor(ctx));
  for (const dir of spoolDirs(ctx)) {
    try {
      n += drainSpool(dir, store).stored;
    } catch {
      // a spool that cannot be read yet stays for a later call
    }
  }
  return n;
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

/** Opens the store (read verbs): errors are catalogued and reach the user. Drains the spool. */
export function openForRead(ctx: Ctx): JournalStore {
  const store = openStore(storeOptions(ctx));
  drainAll(ctx, store);
  return store;
}

/** Opens the store for writing, or says why not without throwing (never in the way). */
export function tryOpen(
  ctx: Ctx,
): { ok: true; store: JournalStore; drained: number } | { ok: false; error: StacklogError } {
  try {
    const store = openStore(storeOptions(ctx));
    return { ok: true, store, drained: drainAll(ctx, store) };
  } catch (err) {
    if (err instanceof StacklogError) return { ok: false, error: err };
    return { ok: false, error: fail("StoreUnwritable", ctx.home, (err as Error).message) };
  }
}
