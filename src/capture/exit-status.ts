import { constants } from "node:os";

const SIGNALS = constants.signals as Record<string, number>;

/** The number of a signal given by name ("SIGTERM") or number; null when unknown or none. */
export function signalNumber(signal: string | number | null | undefined): number | null {
  if (typeof signal === "number") return signal > 0 ? signal : null;
  if (!signal) return null;
  return SIGNALS[signal] ?? null;
}

/** The name of a signal given by name or number ("SIGTERM"); null when unknown or none. */
export function signalName(signal: string | number | null | undefined): string | null {
  const n = signalNumber(signal);
  if (n === null) return null;
  return Object.keys(SIGNALS).find((name) => SIGNALS[name] === n) ?? null;
}

/**
 * The status a shell would report for a finished child: its exit code, or 128+N when
 * signal N killed it (SIGKILL → 137, SIGINT → 130). A signal wins over a code because
 * node-pty reports a signal death as code 0 plus the signal. Unknown outcomes give 1.
 */
export function exitStatusFor(code: number | null, signal: string | number | null): number {
  const n = signalNumber(signal);
  if (n !== null) return 128 + n;
  return code ?? 1;
}
