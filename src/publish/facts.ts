import type { Journal, JournalEvent, JournalReader } from "../journal/index.js";

/** A span of time on the timeline; `open` when it has not ended yet. */
export interface Span {
  name: string;
  start: number;
  end: number;
  open: boolean;
}

/** Figures about one journal that the index, the account header and the charts show. */
export interface JournalFacts {
  journalId: string;
  lastSeq: number;
  events: number;
  commands: number;
  failures: number;
  problems: number;
  start: number | null;
  end: number | null;
  downtimeMs: number;
  phases: Span[];
  downtime: Span[];
}

/** True for a command that ended with a non-zero status. */
export function isFailure(e: JournalEvent): boolean {
  return (
    e.payload.kind === "command" && e.payload.exitStatus !== null && e.payload.exitStatus !== 0
  );
}

function lastTime(journal: Journal, events: readonly JournalEvent[], now: number): number | null {
  if (journal.endedAt !== null) return journal.endedAt;
  const last = events.at(-1);
  const lastEnd =
    last?.payload.kind === "command" ? (last.payload.endedAt ?? last.time) : last?.time;
  if (journal.status === "in-progress") return Math.max(now, lastEnd ?? now);
  return lastEnd ?? journal.startedAt;
}

/** Pairs `begin`/`end` marks by name; a begin without an end stays open until `end`. */
function pairSpans(marks: { name: string; at: number; begin: boolean }[], end: number): Span[] {
  const open = new Map<string, number>();
  const spans: Span[] = [];
  for (const m of marks) {
    if (m.begin) {
      if (!open.has(m.name)) open.set(m.name, m.at);
      continue;
    }
    const start = open.get(m.name);
    if (start === undefined) continue;
    open.delete(m.name);
    spans.push({ name: m.name, start, end: m.at, open: false });
  }
  for (const [name, start] of open)
    spans.push({ name, start, end: Math.max(start, end), open: true });
  return spans.sort((a, b) => a.start - b.start);
}

/** Computes the facts of a journal from its events (in seq order). `now` bounds open spans of live journals. */
export function journalFacts(
  journal: Journal,
  events: readonly JournalEvent[],
  now: number = Date.now(),
): JournalFacts {
  const start = journal.startedAt ?? events[0]?.time ?? null;
  const end = lastTime(journal, events, now);
  const phaseMarks: { name: string; at: number; begin: boolean }[] = [];
  const windowMarks: { name: string; at: number; begin: boolean }[] = [];
  let commands = 0;
  let failures = 0;
  let problems = 0;
  for (const e of events) {
    const p = e.payload;
    if (p.kind === "command") commands++;
    if (isFailure(e)) failures++;
    if (p.kind === "note" && p.noteKind === "problem") problems++;
    if (p.kind === "phase")
      phaseMarks.push({ name: p.name, at: e.time, begin: p.action === "begin" });
    if (p.kind === "milestone" && p.window)
      windowMarks.push({ name: p.name, at: e.time, begin: p.window === "begin" });
  }
  const downtime = pairSpans(windowMarks, end ?? now);
  return {
    journalId: journal.id,
    lastSeq: events.at(-1)?.seq ?? 0,
    events: events.length,
    commands,
    failures,
    problems,
    start,
    end,
    downtimeMs: downtime.reduce((sum, s) => sum + (s.end - s.start), 0),
    phases: pairSpans(phaseMarks, end ?? now),
    downtime,
  };
}

/** Reads a journal's events and computes its facts. */
export function readFacts(reader: JournalReader, journal: Journal, now?: number): JournalFacts {
  return journalFacts(journal, reader.events(journal.id), now);
}
