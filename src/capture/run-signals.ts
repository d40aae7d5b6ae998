import { readdirSync, readFileSync } from "node:fs";
import { constants } from "node:os";
import type { SignalSource } from "./run-types.js";

/** Signals stacklog catches while a command runs, so that it never dies before the child. */
export const FORWARDED_SIGNALS: readonly NodeJS.Signals[] = [
  "SIGINT",
  "SIGTERM",
  "SIGHUP",
  "SIGQUIT",
];

/** Signals a terminal sends to its whole foreground process group (Ctrl-C, Ctrl-\). */
const TERMINAL_SIGNALS: ReadonlySet<NodeJS.Signals> = new Set(["SIGINT", "SIGQUIT"]);

/**
 * Catches the forwarded signals on `source` and hands each to `forward`, until the returned
 * function is called. With `skip`, a signal for which it returns true is swallowed instead.
 */
export function forwardSignals(
  source: SignalSource,
  forward: (sig: NodeJS.Signals) => void,
  skip: (sig: NodeJS.Signals) => boolean = () => false,
): () => void {
  const listeners = FORWARDED_SIGNALS.map((sig) => {
    const listener = (): void => {
      if (!skip(sig)) forward(sig);
    };
    source.on(sig, listener);
    return [sig, listener] as const;
  });
  return () => {
    for (const [sig, listener] of listeners) source.off(sig, listener);
  };
}

/**
 * True when `sig` is a terminal signal and we sit in our terminal's foreground process group:
 * the kernel then sent the same signal to a child sharing our group, and forwarding it would
 * deliver it twice (a second Ctrl-C often means "abort cleanup"). sudo makes the same choice
 * (it skips relaying kernel-sent signals), see sudo's exec_nopty.c. Linux only; elsewhere false.
 */
export function childAlreadySignalled(sig: NodeJS.Signals, statPath = "/proc/self/stat"): boolean {
  if (!TERMINAL_SIGNALS.has(sig)) return false;
  const stat = readStat(statPath);
  return stat !== null && stat.ttyNr !== 0 && stat.tpgid === stat.pgrp;
}

interface ProcStat {
  /** One letter: R running, S sleeping, T stopped by a signal, Z zombie, ... */
  state: string;
  pgrp: number;
  ttyNr: number;
  tpgid: number;
}

/** Reads state, pgrp, tty_nr and tpgid (fields 3, 5, 7, 8 of proc(5) stat); null when unreadable. */
export function readStat(path: string): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses; fields after it are plain.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const state = rest[0] ?? "";
  const [pgrp, , ttyNr, tpgid] = rest.slice(2, 6).map(Number);
  if (pgrp === undefined || ttyNr === undefined || tpgid === undefined) return null;
  return { state, pgrp, ttyNr, tpgid };
}

/**
 * Sends `sig` to process `pid`, or to its process group when it leads one (a terminal signals
 * the whole group: a shell's pipeline, the programs a script runs). False when it is gone.
 */
export function signalProcess(pid: number, sig: NodeJS.Signals): boolean {
  const leads = readStat(`/proc/${pid}/stat`)?.pgrp === pid;
  try {
    process.kill(leads ? -pid : pid, sig);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when `sig` would take its default action in process `pid`: neither blocked, ignored nor
 * caught (SigBlk, SigIgn, SigCgt of proc(5) status). Also true when that cannot be read.
 */
export function takesDefaultAction(
  pid: number,
  sig: NodeJS.Signals,
  statusPath = `/proc/${pid}/status`,
): boolean {
  let text: string;
  try {
    text = readFileSync(statusPath, "utf8");
  } catch {
    return true;
  }
  const bit = 1n << BigInt((constants.signals[sig] ?? 1) - 1);
  return ["SigBlk", "SigIgn", "SigCgt"].every((field) => {
    const hex = new RegExp(`^${field}:\\s*([0-9a-f]+)$`, "m").exec(text)?.[1];
    return hex === undefined || (BigInt(`0x${hex}`) & bit) === 0n;
  });
}

/** The foreground process group of the terminal process `pid` has; null when none or gone. */
export function foregroundGroup(pid: number): number | null {
  const tpgid = readStat(`/proc/${pid}/stat`)?.tpgid;
  return tpgid !== undefined && tpgid > 0 ? tpgid : null;
}

/** The processes of process group `pgrp`, from /proc (none where it cannot be read). */
export function groupMembers(pgrp: number): number[] {
  let names: string[];
  try {
    names = readdirSync("/proc");
  } catch {
    return [];
  }
  return names
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => readStat(`/proc/${pid}/stat`)?.pgrp === pgrp);
}

/** True when process `pid` is stopped by a signal (state T in proc(5) stat; a traced stop is t). */
export function isStopped(pid: number): boolean {
  return readStat(`/proc/${pid}/stat`)?.state === "T";
}

/**
 * True unless our terminal's foreground is another process group (the shell, after `bg`).
 * True where that cannot be told (no terminal, no /proc).
 */
export function inForeground(statPath = "/proc/self/stat"): boolean {
  const stat = readStat(statPath);
  return stat === null || stat.ttyNr === 0 || stat.tpgid === stat.pgrp;
}

/**
 * Stops our own job as a terminal's suspend key stops one: SIGTSTP to our process group (the
 * other commands of a pipeline stop with us), so that the operator's shell sees it stopped and
 * prompts again. `ownListener`, our handler for SIGTSTP sent from outside, is taken off meanwhile
 * so that the signal takes its default action. Returns once continued (`fg`, `bg`), or at once
 * where the kernel discards the signal: in an orphaned process group, whose session has no
 * shell to continue it. Does nothing when `source` cannot send signals (it is not `process`).
 */
export function stopOwnJob(source: SignalSource, ownListener: () => void): void {
  const kill = (source as { kill?: (pid: number, sig: NodeJS.Signals) => unknown }).kill;
  if (typeof kill !== "function") return;
  source.off("SIGTSTP", ownListener);
  try {
    // The kernel stops us on the way back from kill(2): this returns only once continued.
    kill.call(source, 0, "SIGTSTP");
  } catch {
    // No such group: nothing to stop.
  } finally {
    source.on("SIGTSTP", ownListener);
  }
}
