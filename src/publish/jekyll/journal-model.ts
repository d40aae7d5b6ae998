import {
  type AmendPayload,
  type CommandPayload,
  inTimeOrder,
  type Journal,
  type JournalEvent,
  type JournalReader,
  type NotePayload,
} from "../../journal/index.js";

/** The events of one phase, in time order. `name` is null for events outside any phase. */
export interface PhaseSection {
  name: string | null;
  began: number | null;
  ended: number | null;
  events: JournalEvent[];
}

export interface DowntimeWindow {
  name: string;
  began: number;
  /** Null when the window was never closed. */
  ended: number | null;
  beginSeq: number;
}

/** A journal with its events arranged the way the account reads them. */
export interface JournalModel {
  journal: Journal;
  slug: string;
  events: JournalEvent[];
  sections: PhaseSection[];
  seqOf: Map<string, number>;
  fixesOf: Map<string, JournalEvent<NotePayload>[]>;
  amendsOf: Map<string, JournalEvent<AmendPayload>[]>;
  downtime: DowntimeWindow[];
  /** First and last moments the journal covers. */
  start: number;
  end: number;
}

/** Reads a journal's events from the store and groups them by phase, problems with fixes. */
export function buildModel(reader: JournalReader, journal: Journal, slug: string): JournalModel {
  const events = inTimeOrder(reader.events(journal.id));
  const times = events.map((e) => e.time);
  const start = journal.startedAt ?? Math.min(journal.createdAt, ...times);
  const end = journal.endedAt ?? Math.max(start, ...times);
  return {
    journal,
    slug,
    events,
    sections: phaseSections(events),
    seqOf: new Map(events.map((e) => [e.id, e.seq])),
    fixesOf: groupBy(events, fixTarget),
    amendsOf: groupBy(events, amendTarget),
    downtime: downtimeWindows(events),
    start,
    end,
  };
}

function phaseSections(events: readonly JournalEvent[]): PhaseSection[] {
  const byName = new Map<string | null, PhaseSection>();
  for (const e of events) {
    const name = e.payload.kind === "phase" ? e.payload.name : e.phase;
    let section = byName.get(name);
    if (!section) {
      section = { name, began: null, ended: null, events: [] };
      byName.set(name, section);
    }
    if (e.payload.kind !== "phase") section.events.push(e);
    else if (e.payload.action === "begin") section.began ??= e.time;
    else section.ended = e.time;
  }
  return [...byName.values()];
}

function downtimeWindows(events: readonly JournalEvent[]): DowntimeWindow[] {
  const open = new Map<string, DowntimeWindow>();
  const windows: DowntimeWindow[] = [];
  for (const e of events) {
    const p = e.payload;
    if (p.kind !== "milestone" || !p.window) continue;
    const current = open.get(p.name);
    if (p.window === "begin" && !current) {
      const w = { name: p.name, began: e.time, ended: null, beginSeq: e.seq };
      open.set(p.name, w);
      windows.push(w);
    } else if (p.window === "end" && current) {
      current.ended = e.time;
      open.delete(p.name);
    }
  }
  return windows;
}

function fixTarget(e: JournalEvent): string | undefined {
  const p = e.payload;
  return p.kind === "note" && p.noteKind === "fix" ? p.fixes : undefined;
}

function amendTarget(e: JournalEvent): string | undefined {
  return e.payload.kind === "amend" ? e.payload.target : undefined;
}

function groupBy<P extends NotePayload | AmendPayload>(
  events: readonly JournalEvent[],
  keyOf: (e: JournalEvent) => string | undefined,
): Map<string, JournalEvent<P>[]> {
  const map = new Map<string, JournalEvent<P>[]>();
  for (const e of events) {
    const key = keyOf(e);
    if (key === undefined) continue;
    const list = map.get(key) ?? [];
    list.push(e as JournalEvent<P>);
    map.set(key, list);
  }
  return map;
}

/** Commands of the journal, in time order. */
export function commandsOf(model: JournalModel): JournalEvent<CommandPayload>[] {
  return model.events.filter(
    (e): e is JournalEvent<CommandPayload> => e.payload.kind === "command",
  );
}

/** Notes of the given kinds, in time order. */
export function notesOf(
  model: JournalModel,
  kinds: readonly NotePayload["noteKind"][],
): JournalEvent<NotePayload>[] {
  return model.events.filter(
    (e): e is JournalEvent<NotePayload> =>
      e.payload.kind === "note" && kinds.includes(e.payload.noteKind),
  );
}
