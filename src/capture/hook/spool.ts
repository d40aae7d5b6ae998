import {
  chmodSync,
  closeSync,
  fchmodSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
} from "node:fs";
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
  /** The spool line as the shell wrote it: the same line always gives the same event id. */
  raw: string;
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
    raw: line,
  };
}

// $EPOCHREALTIME is seconds with a fraction; its decimal separator follows the locale.
function epochMs(s: string): number | null {
  if (!/^\d+([.,]\d+)?$/.test(s)) return null;
  return Math.round(Number(s.replace(",", ".")) * 1000);
}

/** A claim older than this is taken over even while its pid runs (the pid may be reused). */
export const STALE_CLAIM_MS = 10 * 60_000;

export interface ClaimOptions {
  pid?: number;
  now?: () => number;
  isAlive?: (pid: number) => boolean;
}

const CLAIM = /^(.+\.tsv)\.claimed-(\d+)-(\d+)(?:-\d+)?$/;

// A claim of this process is left by an earlier call that failed (ingesting is synchronous).
function orphaned(name: string, o: Required<ClaimOptions>): boolean {
  const m = CLAIM.exec(name);
  if (!m) return false;
  const owner = Number(m[2]);
  return owner === o.pid || !o.isAlive(owner) || o.now() - Number(m[3]) > STALE_CLAIM_MS;
}

function withDefaults(o: ClaimOptions): Required<ClaimOptions> {
  return { pid: process.pid, now: Date.now, isAlive: processAlive, ...o };
}

/**
 * The spool files in `dir` with lines waiting: a non-empty `<journal>.tsv`, or a claimed copy
 * left by an ingester that failed or died (whether or not the `.tsv` still exists).
 */
export function pendingHookSpools(dir: string, opts: ClaimOptions = {}): string[] {
  const o = withDefaults(opts);
  const out = new Set<string>();
  for (const name of safeList(dir)) {
    if (name.endsWith(".tsv") && sizeOf(join(dir, name)) > 0) out.add(join(dir, name));
    else if (orphaned(name, o))
      out.add(join(dir, (CLAIM.exec(name) as RegExpExecArray)[1] as string));
  }
  return [...out].sort();
}

/**
 * Takes the spool file over by renaming it (shells then append to a new one, created here
 * with mode 0600), hands the complete records of each claimed file to `store` at once, and
 * deletes the file once `store` returns. Claimed copies left by an ingester that failed or died
 * go first. When `store` throws, the claimed file stays for a later call and the error is
 * rethrown: `store` must take all the records or none (one transaction), and storing a record
 * twice must be a no-op (a crash between storing and deleting replays the file). Only one
 * rename wins, so two ingesters never hold the same file. Returns the count handed over.
 * A shell that opened the file just before the rename may still append to the claimed copy
 * during the read; that line is lost (the window is one write, microseconds).
 */
export function ingestHookSpool(
  file: string,
  store: (records: HookRecord[]) => void,
  opts: ClaimOptions = {},
): number {
  const o = withDefaults(opts);
  let count = 0;
  for (const claimed of [...orphanedClaims(file, o), claim(file, o)]) {
    if (claimed === null) continue;
    const records = parseHookLines(readFileSync(claimed, "utf8"));
    store(records);
    unlinkSync(claimed);
    count += records.length;
  }
  return count;
}

function claim(file: string, o: Required<ClaimOptions>): string | null {
  if (sizeOf(file) <= 0) return null;
  const claimed = `${file}.claimed-${o.pid}-${o.now()}`;
  try {
    renameSync(file, claimed);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw err;
  }
  private0600(claimed);
  recreate(file);
  return claimed;
}

// Re-claimed under our pid, oldest first (a rename, so still exclusive).
function orphanedClaims(file: string, o: Required<ClaimOptions>): string[] {
  const dir = dirname(file);
  const prefix = `${basename(file)}.claimed-`;
  const names = safeList(dir)
    .filter((n) => n.startsWith(prefix) && orphaned(n, o))
    .sort((a, b) => Number(CLAIM.exec(a)?.[3]) - Number(CLAIM.exec(b)?.[3]));
  const out: string[] = [];
  for (const name of names) {
    const mine = join(dir, `${prefix}${o.pid}-${o.now()}-${out.length}`);
    try {
      renameSync(join(dir, name), mine);
    } catch {
      continue; // another ingester took it first
    }
    private0600(mine);
    out.push(mine);
  }
  return out;
}

// The lines are unredacted: only the owner may read them, whatever the umask.
function private0600(file: string): void {
  chmodSync(file, 0o600);
}

// Shells append with their umask: a file that already exists keeps its mode.
function recreate(file: string): void {
  try {
    const fd = openSync(file, "a", 0o600);
    try {
      fchmodSync(fd, 0o600);
    } finally {
      closeSync(fd);
    }
  } catch {
    // the folder is gone or not ours: the shell's next line creates the file
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
