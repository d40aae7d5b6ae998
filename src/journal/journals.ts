import type Database from "better-sqlite3";
import { fail } from "../errors/index.js";
import type { JournalPatch, NewJournal } from "./store-types.js";
import { JOURNAL_STATUSES, type Journal, type JournalStatus } from "./types.js";

interface JournalRow {
  id: string;
  title: string;
  site: string | null;
  system: string | null;
  tool: string | null;
  from_series: string | null;
  to_series: string | null;
  status: string;
  operators: string;
  created_at: number;
  started_at: number | null;
  ended_at: number | null;
}

const COLUMNS =
  "id, title, site, system, tool, from_series, to_series, status, operators, created_at, started_at, ended_at";

function toJournal(r: JournalRow): Journal {
  return {
    id: r.id,
    title: r.title,
    site: r.site,
    system: r.system,
    tool: r.tool,
    fromSeries: r.from_series,
    toSeries: r.to_series,
    status: r.status as JournalStatus,
    operators: JSON.parse(r.operators) as string[],
    createdAt: r.created_at,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}

function checkStatus(status: string): void {
  if (!JOURNAL_STATUSES.includes(status as JournalStatus)) {
    throw fail("BadValue", "journal status", JOURNAL_STATUSES.join(", "), "completed", status);
  }
}

/** Fills a new journal's defaults. */
export function completeJournal(meta: NewJournal, id: string, now: number): Journal {
  const status = meta.status ?? "in-progress";
  checkStatus(status);
  const createdAt = meta.createdAt ?? now;
  return {
    id,
    title: meta.title,
    site: meta.site ?? null,
    system: meta.system ?? null,
    tool: meta.tool ?? null,
    fromSeries: meta.fromSeries ?? null,
    toSeries: meta.toSeries ?? null,
    status,
    operators: meta.operators ?? [],
    createdAt,
    startedAt:
      meta.startedAt !== undefined ? meta.startedAt : status === "in-progress" ? createdAt : null,
    endedAt: meta.endedAt ?? null,
  };
}

/** Journal rows: lookups by id or prefix, creation, metadata updates and the current pointer. */
export function journalTable(db: Database.Database) {
  const byId = db.prepare<[string], JournalRow>(`SELECT ${COLUMNS} FROM journals WHERE id = ?`);
  const byPrefix = db.prepare<[string, string], JournalRow>(
    `SELECT ${COLUMNS} FROM journals WHERE id >= ? AND id < ? ORDER BY id LIMIT 2`,
  );
  const all = db.prepare<[], JournalRow>(`SELECT ${COLUMNS} FROM journals ORDER BY created_at, id`);
  const insert = db.prepare(
    `INSERT INTO journals (${COLUMNS}) VALUES (@id, @title, @site, @system, @tool, @fromSeries, @toSeries, @status, @operators, @createdAt, @startedAt, @endedAt)`,
  );
  const getSetting = db
    .prepare<[string], string>("SELECT value FROM settings WHERE key = ?")
    .pluck();
  const putSetting = db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)");
  const dropSetting = db.prepare("DELETE FROM settings WHERE key = ?");

  const find = (id: string): Journal | null => {
    const row = byId.get(id);
    return row ? toJournal(row) : null;
  };
  const resolve = (ref: string): Journal => {
    const exact = find(ref) ?? find(ref.toUpperCase());
    if (exact) return exact;
    for (const p of new Set([ref, ref.toUpperCase()])) {
      const rows = byPrefix.all(p, `${p}\uffff`);
      if (rows.length > 1) throw fail("AmbiguousId", ref, rows.length);
      if (rows[0]) return toJournal(rows[0]);
    }
    throw fail("JournalNotFound", ref);
  };
  const create = (j: Journal): Journal => {
    const existing = find(j.id);
    if (existing) return existing;
    insert.run({ ...j, operators: JSON.stringify(j.operators) });
    return j;
  };
  const update = (id: string, patch: JournalPatch): Journal => {
    const j = find(id);
    if (!j) throw fail("JournalNotFound", id);
    const next: Journal = { ...j, ...definedOnly(patch) };
    checkStatus(next.status);
    db.prepare(
      "UPDATE journals SET status = ?, started_at = ?, ended_at = ?, operators = ? WHERE id = ?",
    ).run(next.status, next.startedAt, next.endedAt, JSON.stringify(next.operators), id);
    return next;
  };
  const current = (): Journal | null => {
    const id = getSetting.get("current_journal");
    return id ? find(id) : null;
  };
  const setCurrent = (id: string | null): void => {
    if (id === null) dropSetting.run("current_journal");
    else putSetting.run("current_journal", resolve(id).id);
  };
  return {
    find,
    resolve,
    create,
    update,
    current,
    setCurrent,
    list: () => all.all().map(toJournal),
  };
}

function definedOnly(patch: JournalPatch): JournalPatch {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}

export type JournalTable = ReturnType<typeof journalTable>;
