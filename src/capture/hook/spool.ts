import { readdirSync, readFileSync, renameSync, unlinkSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { percentDecode } from "../shell/marks.js";
import { processAlive } from "../shell/nested.js";

/** One command as the hook-only integration wrote it to the spool. */
export interface HookRecord {
  /** Epoch ms. */
  startedAt: number;
  endedAt: number;
  exitStatus: number;
  cwd: string;
  /** The typed line; "" when hidden. */
  line: string;
  /** The line started with a space: only its status and times were written. */
  hidden: boolean;
  /** The shell's terminal (e.g. /dev/pts/3); "" when unknown. */
  terminal: string;
  /** user@host. */
  actor: string;
}

const FIELDS = 8;

/**
 * Reads spool lines (start, end, status, cwd, line, terminal, user@host, hidden; tab-separated,
 * cwd and line percent-encoded). A last line without its newline (a write under way) and lines
 * that do not parse are left out.
 */
export function parseHookLines(text: string): HookRecord[] {
  const lines = text.split("\n");
  lines.pop(); // after the last newline: "" or a torn line
  const out: HookRecord[] = [];
  for (const line of lines) {
    const r = parseLine(line);
    if (r) out.push(r);
  }
  return out;
}

function parseLine(line: string): HookRecord | null {
  const f = line.split("\t");
  if (f.length !== FIELDS) return null;
  const [start, end, status, cwd, typed, terminal, actor, hidden] = f as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const startedAt = epochMs(start);
  const endedAt = epochMs(end);
  if (startedAt === null || endedAt === null || !/^\d{1,3}$/.test(status)) return null;
  return {
    startedAt,
    endedAt,
    exitStatus: Number(status),
    cwd: percentDecode(cwd),
    line: hidden === "1" ? "" : percentDecode(typed),
    hidden: hidden === "1",
    terminal,
    actor,
  };
}

// $EPOCHREALTIME is seconds with a fraction; its decimal separator follows the locale.
function epochMs(s: string): number | null {
  if (!/^\d+([.,]\d+)?$/.test(s)) return null;
  return Math.round(Number(s.replace(",", ".")) * 1000);
}

/**
 * Takes the spool file over by renaming it (shells then start a new one), hands each complete
 * record to `handle`, and deletes it. Two ingesters never store a record twice: only one rename
 * wins. A claimed file left by an ingester that died is taken over too. Returns the count handled.
 * A shell that opened the file just before the rename may still append to the claimed copy
 * during the read; that line is lost (the window is one write, microseconds).
 */
export function ingestHookSpool(
  file: string,
  handle: (r: HookRecord) => void,
  pid: number = process.pid,
): number {
  let count = 0;
  for (const claimed of [...staleClaims(file, pid), claim(file, pid)]) {
    if (claimed === null) continue;
    for (const r of parseHookLines(readFileSync(claimed, "utf8"))) {
      handle(r);
      count++;
    }
    unlinkSync(claimed);
  }
  return count;
}

function claim(file: string, pid: number): string | null {
  const claimed = `${file}.claimed-${pid}-${Date.now()}`;
  try {
    renameSync(file, claimed);
    return claimed;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
}

// Claims by processes that no longer run, re-claimed under our pid (a rename, so still exclusive).
function staleClaims(file: string, pid: number): string[] {
  const prefix = `${basename(file)}.claimed-`;
  const out: string[] = [];
  for (const name of safeList(dirname(file))) {
    if (!name.startsWith(prefix)) continue;
    const owner = Number(name.slice(prefix.length).split("-")[0]);
    if (owner === pid || processAlive(owner)) continue;
    const mine = join(dirname(file), `${prefix}${pid}-${Date.now()}-${out.length}`);
    try {
      renameSync(join(dirname(file), name), mine);
      out.push(mine);
    } catch {
      // Another ingester took it first.
    }
  }
  return out;
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
