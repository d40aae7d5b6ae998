import type Database from "better-sqlite3";
import type { EventTable } from "./events.js";
import type { OutputTable } from "./outputs.js";
import type { RunningCommand } from "./store-types.js";
import type { CommandPayload, JournalEvent, NewEvent } from "./types.js";

/** How a running command ended; null when its recorder died before it did. */
export interface CommandOutcome {
  startedAt?: number;
  endedAt: number;
  exitStatus: number | null;
  signal: string | null;
  mode?: RunningCommand["mode"];
  /** Cut short (its shell died): recorded as interrupted, with what is known. */
  interrupted?: boolean;
}

/** The `command` event of a running command once it ended (or, with no outcome, was cut short). */
export function commandEvent(
  r: RunningCommand,
  outcome: CommandOutcome | null,
  outputBytes: number,
): NewEvent<CommandPayload> {
  const startedAt = outcome?.startedAt ?? r.startedAt;
  return {
    id: r.eventId,
    journalId: r.journalId,
    time: startedAt,
    actor: r.actor,
    terminal: r.terminal,
    phase: r.phase,
    payload: {
      kind: "command",
      line: r.line,
      argv: r.argv,
      cwd: r.cwd,
      host: r.host,
      user: r.user,
      mode: outcome?.mode ?? r.mode,
      startedAt,
      endedAt: outcome ? outcome.endedAt : null,
      durationMs: outcome ? outcome.endedAt - startedAt : null,
      exitStatus: outcome ? outcome.exitStatus : null,
      signal: outcome ? outcome.signal : null,
      outputId: r.outputId,
      outputBytes,
      ...(outcome && !outcome.interrupted ? {} : { interrupted: true }),
    },
  };
}

/** In-flight commands, so that `status` stays truthful after a kill -9. */
export function runningTable(db: Database.Database, events: EventTable, outputs: OutputTable) {
  const upsert = db.prepare(
    "INSERT OR REPLACE INTO running (event_id, journal_id, host, pid, record) VALUES (?, ?, ?, ?, ?)",
  );
  const remove = db.prepare("DELETE FROM running WHERE event_id = ?");
  const ofJournal = db
    .prepare<[string], string>("SELECT record FROM running WHERE journal_id = ? ORDER BY rowid")
    .pluck();
  const ofHost = db
    .prepare<[string], string>("SELECT record FROM running WHERE host = ? ORDER BY rowid")
    .pluck();
  const stillThere = db
    .prepare<[string], number>("SELECT 1 FROM running WHERE event_id = ?")
    .pluck();

  const reapOne = (r: RunningCommand): JournalEvent | null => {
    if (!stillThere.get(r.eventId)) return null; // another process reaped it first
    const bytes = r.outputId ? outputs.size(r.outputId) : 0;
    if (r.outputId && outputs.exists(r.outputId)) outputs.finalize(r.outputId, null);
    const stored = events.appendOne(commandEvent(r, null, bytes));
    remove.run(r.eventId);
    return stored;
  };

  return {
    mark: (r: RunningCommand) =>
      void upsert.run(r.eventId, r.journalId, r.host, r.pid, JSON.stringify(r)),
    finish: (eventId: string) => void remove.run(eventId),
    list: (journalId: string) =>
      ofJournal.all(journalId).map((s) => JSON.parse(s) as RunningCommand),
    reap: (isAlive: (pid: number, host: string) => boolean, host: string): JournalEvent[] => {
      const dead = ofHost
        .all(host)
        .map((s) => JSON.parse(s) as RunningCommand)
        .filter((r) => !isAlive(r.pid, r.host));
      const reaped: JournalEvent[] = [];
      for (const r of dead) {
        const e = db.transaction(() => reapOne(r)).immediate();
        if (e) reaped.push(e);
      }
      return reaped;
    },
  };
}
