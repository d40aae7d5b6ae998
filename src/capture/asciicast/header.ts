import { fail } from "../../errors/index.js";
import type { CastInput } from "./types.js";

/** The header fields stacklog reads; others are ignored, as the spec asks. */
export interface CastHeader {
  version: 2 | 3;
  cols: number;
  rows: number;
  /** Unix seconds of the recording's start. */
  timestamp: number | null;
  title: string | null;
  command: string | null;
  /** The environment the recorder captured (`env`): its string values only; empty when absent. */
  env: Record<string, string>;
  /** The header gave 0x0 (recorded without a terminal): `cols` and `rows` are 80x24 then. */
  sizeUnknown: boolean;
}

// Unix seconds of 1970-01-01 and of 9999-12-31T23:59:59Z: a start outside these is not a date.
const LATEST_TIMESTAMP = 253_402_300_799;

const EXAMPLES = {
  2: '{"version": 2, "width": 80, "height": 24, "timestamp": 1700000000}',
  3: '{"version": 3, "term": {"cols": 80, "rows": 24}, "timestamp": 1700000000}',
} as const;

/** The header line of a recording of `input` (no newline). The recording's time 0 is `timestamp` * 1000. */
export function headerLine(input: CastInput, version: 2 | 3): string {
  const cols = input.cols ?? 80;
  const rows = input.rows ?? 24;
  const size = version === 2 ? { width: cols, height: rows } : { term: { cols, rows } };
  return JSON.stringify({
    version,
    ...size,
    timestamp: Math.floor(input.startedAt / 1000),
    ...(input.idleTimeLimit !== undefined ? { idle_time_limit: input.idleTimeLimit } : {}),
    title: input.title,
    ...(input.env ? { env: input.env } : {}),
  });
}

/** Reads the first line of a recording; throws `MalformedRecording` when it is not a v2 or v3 header. */
export function parseHeader(line: string, source: string): CastHeader {
  const bad = (expected: string, received: string, version: 2 | 3 = 2) =>
    fail("MalformedRecording", source, 1, expected, EXAMPLES[version], received);
  if (line.trim() === "{")
    throw bad("a one-line JSON header", "a multi-line JSON document (asciicast v1?)");
  if (line.startsWith("#"))
    throw bad("a JSON header (a comment may not be the first line)", snippet(line));
  const value = parseJson(line);
  if (value === undefined || typeof value !== "object" || value === null || Array.isArray(value)) {
    throw bad("a JSON object header", snippet(line));
  }
  const h = value as Record<string, unknown>;
  if (h.version !== 2 && h.version !== 3) {
    throw bad("`version` 2 or 3", `version ${JSON.stringify(h.version)}`);
  }
  const version = h.version;
  const term = (version === 3 ? h.term : h) as Record<string, unknown> | undefined;
  const [colsKey, rowsKey] = version === 3 ? ["term.cols", "term.rows"] : ["width", "height"];
  const cols = term?.[version === 3 ? "cols" : "width"];
  const rows = term?.[version === 3 ? "rows" : "height"];
  // asciinema 2.x recording without a terminal (`rec -c` from a script) writes a size of 0x0
  const unsized = cols === 0 && rows === 0;
  if (!unsized && (!isSize(cols) || !isSize(rows))) {
    throw bad(`positive integers \`${colsKey}\` and \`${rowsKey}\``, snippet(line), version);
  }
  if (typeof h.timestamp === "number" && !isTimestamp(h.timestamp)) {
    throw bad(
      "`timestamp` in Unix seconds, within the years 1970 to 9999",
      `timestamp ${String(h.timestamp)}`,
      version,
    );
  }
  return {
    version,
    cols: unsized ? 80 : (cols as number),
    rows: unsized ? 24 : (rows as number),
    sizeUnknown: unsized,
    timestamp: typeof h.timestamp === "number" ? h.timestamp : null,
    title: typeof h.title === "string" ? h.title : null,
    command: typeof h.command === "string" ? h.command : null,
    env: stringsOf(h.env),
  };
}

function stringsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== "object" || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Whether the first line of `input` is an asciicast v2 or v3 header (a quick look, not a check). */
export function looksLikeRecording(input: string | Uint8Array): boolean {
  const head =
    typeof input === "string"
      ? input.slice(0, 4096)
      : Buffer.from(input.subarray(0, 4096)).toString("utf8");
  const h = parseJson(head.split("\n", 1)[0] ?? "") as Record<string, unknown> | undefined;
  return typeof h === "object" && h !== null && (h.version === 2 || h.version === 3);
}

// JSON numbers too large for a double (1e400) arrive as Infinity.
function isTimestamp(v: number): boolean {
  return Number.isFinite(v) && v >= 0 && v <= LATEST_TIMESTAMP;
}

function isSize(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v > 0;
}

/** `JSON.parse`, or undefined when the text is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A short, quoted view of a line for error messages. */
export function snippet(line: string): string {
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 60)}…` : line);
}
