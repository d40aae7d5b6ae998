import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Ctx } from "./context.js";

/**
 * Small plain files beside the store that must stay readable when the database is not:
 * the current journal (so a command can still be spooled for it) and the registered secret
 * sources (so spooled data is redacted too). Values of secrets are never written anywhere.
 */
export interface CliState {
  currentJournal: string | null;
  /** The phase in force when last seen, for events spooled while the store is unavailable. */
  currentPhase: string | null;
  secretSources: { path: string; kind: string; addedAt: number }[];
}

const EMPTY: CliState = { currentJournal: null, currentPhase: null, secretSources: [] };

function statePath(home: string): string {
  return path.join(home, "state.json");
}

/** Reads the state file; a missing or unreadable one is empty state. */
export function readState(home: string): CliState {
  try {
    const data = JSON.parse(readFileSync(statePath(home), "utf8")) as Partial<CliState>;
    return { ...EMPTY, ...data };
  } catch {
    return { ...EMPTY };
  }
}

/** Updates the state file atomically (write then rename). Returns false when it cannot be written. */
export function updateState(home: string, patch: Partial<CliState>): boolean {
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    const next = { ...readState(home), ...patch };
    const tmp = `${statePath(home)}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
    renameSync(tmp, statePath(home));
    return true;
  } catch {
    return false;
  }
}

/** The journal a verb works on: --journal, then $STACKLOG_JOURNAL, then the current one. */
export function journalRef(ctx: Ctx, flag: string | undefined): string | null {
  return flag ?? ctx.env.STACKLOG_JOURNAL ?? readState(ctx.home).currentJournal;
}
