import type Database from "better-sqlite3";
import { fail } from "../errors/index.js";
import type { EventPayload, EventQuery, JournalEvent, NewEvent } from "./types.js";

interface EventRow {
  id: string;
  journal_id: string;
  seq: number;
  time: number;
  actor: string;
  terminal: string | null;
  phase: string | null;
  payload: string;
}

const COLUMNS = "id, journal_id, seq, time, actor, terminal, phase, payload";

function toEvent(r: EventRow): JournalEvent {
  return {
    id: r.id,
    journalId: r.journal_id,
    seq: r.seq,
    time: r.time,
    actor: r.actor,
    terminal: r.terminal,
    phase: r.phase,
    payload: JSON.parse(r.payload) as EventPayload,
  };
}

function outputIdOf(p: EventPayload): string | null {
  return p.kind === "command" ? p.outputId : null;
}

/** Event rows: idempotent appends with per-journal seq, queries and lookups. */
export function eventTable(db: Database.Database, nextId: () => string) {
  const byId = db.prepare<[string], EventRow>(`SELECT ${COLUMNS} FROM events WHERE id = ?`);
  const maxSeq = db
    .prepare<[string], number>("SELECT coalesce(max(seq), 0) FROM events WHERE journal_id = ?")
    .pluck();
  const journalExists = db.prepare<[string], number>("SELECT 1 FROM journals WHERE id = ?").pluck();
  const insert = db.prepare(
    `INSERT INTO events (${COLUMNS}, kind, output_id) VALUES (@id, @journalId, @seq, @time, @actor, @terminal, @phase, @payload, @kind, @outputId)`,
  );

  /** Stores one event exactly as given (seq included); used by append and import. */
  const put = (e: JournalEvent): void => {
    insert.run({
      ...e,
      terminal: e.terminal ?? null,
      phase: e.phase ?? null,
      payload: JSON.stringify(e.payload),
      kind: e.payload.kind,
      outputId: outputIdOf(e.payload),
    });
  };
  // Callers run this inside BEGIN IMMEDIATE, so reading max(seq) and inserting are atomic.
  const appendOne = (e: NewEvent): JournalEvent => {
    const id = e.id ?? nextId();
    const existing = byId.get(id);
    if (existing) return toEvent(existing);
    if (!journalExists.get(e.journalId)) throw fail("JournalNotFound", e.journalId);
    const stored: JournalEvent = {
      id,
      journalId: e.journalId,
      seq: (maxSeq.get(e.journalId) ?? 0) + 1,
      time: e.time,
      actor: e.actor,
      terminal: e.terminal ?? null,
      phase: e.phase ?? null,
      payload: e.payload,
    };
    put(stored);
    return stored;
  };

  const query = (journalId: string, q: EventQuery = {}): JournalEvent[] => {
    const where = ["journal_id = ?", "seq > ?"];
    const args: unknown[] = [journalId, q.afterSeq ?? 0];
    if (q.kinds) {
      where.push(`kind IN (${q.kinds.map(() => "?").join(", ") || "NULL"})`);
      args.push(...q.kinds);
    }
    if (q.phase !== undefined) {
      where.push("phase = ?");
      args.push(q.phase);
    }
    args.push(q.limit ?? -1);
    const order = q.latest ? "seq DESC" : "seq";
    const sql = `SELECT ${COLUMNS} FROM events WHERE ${where.join(" AND ")} ORDER BY ${order} LIMIT ?`;
    return (statement(sql).all(...args) as EventRow[]).map(toEvent);
  };
  // A recorded shell asks the same few queries for every command: prepare each once.
  const prepared = new Map<string, Database.Statement>();
  const statement = (sql: string): Database.Statement => {
    let st = prepared.get(sql);
    if (!st) {
      if (prepared.size > 64) prepared.clear();
      st = db.prepare(sql);
      prepared.set(sql, st);
    }
    return st;
  };

  const bySeq = db.prepare<[string, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE journal_id = ? AND seq = ?`,
  );
  const byPrefix = db.prepare<[string, string, string], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE journal_id = ? AND id >= ? AND id < ? ORDER BY id LIMIT 2`,
  );
  // A ref of digits is a seq number; anything else is an id or id prefix.
  const get = (journalId: string, ref: string): JournalEvent => {
    const seq = /^#?(\d+)$/.exec(ref.trim());
    if (seq) {
      const row = bySeq.get(journalId, Number(seq[1]));
      if (row) return toEvent(row);
      throw fail("EventNotFound", ref);
    }
    const p = ref.trim().toUpperCase();
    const exact = byId.get(ref) ?? byId.get(p);
    if (exact && exact.journal_id === journalId) return toEvent(exact);
    const rows = byPrefix.all(journalId, p, `${p}\uffff`);
    if (rows.length > 1) throw fail("AmbiguousId", ref, rows.length);
    if (rows[0]) return toEvent(rows[0]);
    throw fail("EventNotFound", ref);
  };

  return {
    put,
    appendOne,
    query,
    get,
    lastSeq: (journalId: string) => maxSeq.get(journalId) ?? 0,
    find: (id: string) => {
      const row = byId.get(id);
      return row ? toEvent(row) : null;
    },
  };
}

export type EventTable = ReturnType<typeof eventTable>;
