import { fail } from "../../errors/index.js";
import { type CastHeader, parseHeader, parseJson, snippet } from "./header.js";

/** One event of a recording, with its time made absolute: ms since the recording's start. */
export interface CastEvent {
  time: number;
  code: string;
  data: string;
  /** 1-based line number in the file. */
  line: number;
}

export interface Recording {
  header: CastHeader;
  events: CastEvent[];
  /** Line number of a last line that was cut off mid-event, if any. */
  truncatedAt: number | null;
  warnings: string[];
}

// No recording runs for ten years: a later time is a broken file, and would overflow the journal's clock.
const MAX_SECONDS = 10 * 365.25 * 24 * 3600;

const V2_COMMENT = "comment lines are not part of asciicast v2; skipped";
const EVENT_EXAMPLE = '[0.25, "o", "hello\\r\\n"]';

/**
 * Reads the header and events of an asciicast v2 (absolute times) or v3 (intervals) recording.
 * Comment lines (v3) and blank lines are skipped; a last line cut mid-event is dropped and reported
 * in `truncatedAt`; any other bad line throws `MalformedRecording`.
 */
export function readRecording(text: string, source: string): Recording {
  const lines = lineRanges(text);
  const first = lines.next();
  const header = parseHeader(first.done ? "" : first.value.text, source);
  const lastStart = lastContentStart(text);
  const state = { prevUs: 0, warned: new Set<string>(), warnings: [] as string[] };
  const events: CastEvent[] = [];
  let truncatedAt: number | null = null;
  for (const { text: line, number, start } of lines) {
    if (line.trim() === "") continue;
    if (line.startsWith("#")) {
      if (header.version === 2) warnOnce(state, "comment", `line ${number}: ${V2_COMMENT}`);
      continue;
    }
    const value = parseJson(line);
    if (value === undefined && start === lastStart && line.startsWith("[")) {
      truncatedAt = number;
      break;
    }
    const event = toEvent(value, line, number, header.version, state, source);
    if (event) events.push(event);
  }
  return { header, events, truncatedAt, warnings: state.warnings };
}

interface ReadState {
  prevUs: number;
  warned: Set<string>;
  warnings: string[];
}

function toEvent(
  value: unknown,
  line: string,
  number: number,
  version: 2 | 3,
  state: ReadState,
  source: string,
): CastEvent | null {
  if (!Array.isArray(value) || value.length < 3) {
    throw fail(
      "MalformedRecording",
      source,
      number,
      "an event `[time, code, data]`",
      EVENT_EXAMPLE,
      snippet(line),
    );
  }
  const [time, code, data] = value as unknown[];
  if (typeof time !== "number" || !Number.isFinite(time) || time < 0 || typeof code !== "string") {
    throw fail(
      "MalformedRecording",
      source,
      number,
      "an event whose time is a non-negative number and code a string",
      EVENT_EXAMPLE,
      snippet(line),
    );
  }
  const us = version === 2 ? Math.round(time * 1e6) : state.prevUs + Math.round(time * 1e6);
  if (time > MAX_SECONDS || us > MAX_SECONDS * 1e6) {
    throw fail(
      "MalformedRecording",
      source,
      number,
      version === 2
        ? "an event time (seconds since the start) under ten years"
        : "event intervals adding up to under ten years",
      EVENT_EXAMPLE,
      snippet(line),
    );
  }
  if (us < state.prevUs)
    warnOnce(state, "backwards", `line ${number}: time goes backwards; kept in order`);
  state.prevUs = Math.max(us, state.prevUs);
  const text = eventData(code, data, line, number, source);
  if (code === "r" && !/^\d+x\d+$/.test(text)) {
    warnOnce(
      state,
      `r${number}`,
      `line ${number}: resize data ${snippet(text)} is not COLSxROWS; ignored`,
    );
    return null;
  }
  return { time: state.prevUs / 1000, code, data: text, line: number };
}

function eventData(
  code: string,
  data: unknown,
  line: string,
  number: number,
  source: string,
): string {
  if (typeof data === "string") return data;
  if (code === "x" && typeof data === "number") return String(data);
  if (!["o", "i", "m", "r", "x"].includes(code)) return "";
  throw fail(
    "MalformedRecording",
    source,
    number,
    `a string as the data of an "${code}" event`,
    EVENT_EXAMPLE,
    snippet(line),
  );
}

function warnOnce(state: ReadState, key: string, message: string): void {
  if (state.warned.has(key)) return;
  state.warned.add(key);
  state.warnings.push(message);
}

function* lineRanges(text: string): Generator<{ text: string; number: number; start: number }> {
  let start = 0;
  let number = 1;
  while (start < text.length || number === 1) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    const line = text.slice(start, end);
    yield { text: line.endsWith("\r") ? line.slice(0, -1) : line, number, start };
    if (nl === -1) return;
    start = nl + 1;
    number++;
  }
}

// Start offset of the last line holding anything but whitespace.
function lastContentStart(text: string): number {
  const end = text.trimEnd().length;
  return text.lastIndexOf("\n", end - 1) + 1;
}
