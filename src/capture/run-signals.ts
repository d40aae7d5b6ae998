import { readFileSync } from "node:fs";
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
  pgrp: number;
  ttyNr: number;
  tpgid: number;
}

/** Reads pgrp, tty_nr and tpgid (fields 5, 7, 8 of proc(5) stat); null when unreadable. */
export function readStat(path: string): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces and parentheses; fields after it are plain.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  const [pgrp, , ttyNr, tpgid] = rest.slice(2, 6).map(Number);
  if (pgrp === undefined || ttyNr === undefined || tpgid === undefined) return null;
  return { pgrp, ttyNr, tpgid };
}
