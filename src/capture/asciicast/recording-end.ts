import type { CastEvent } from "./read-events.js";

/** The recorded session's exit status from a v3 `x` event; undefined when there is none (v2, or cut short). */
export function sessionExit(events: readonly CastEvent[]): number | null | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as CastEvent;
    if (e.code === "x") return /^\d+$/.test(e.data) ? Number(e.data) : null;
  }
  return undefined;
}

/**
 * How a command that had not ended when the recording stops ended: `exit` or `logout` ended the
 * session with it (and gets the session's status, when known); any other was cut short unless the
 * recording says the session exited.
 */
export function unfinished(
  line: string,
  session: number | null | undefined,
): { exitStatus: number | null; cutShort: boolean } {
  const endsSession = /^\s*(?:exit|logout)(?![\w-])/.test(line);
  return {
    exitStatus: endsSession ? (session ?? null) : null,
    cutShort: !endsSession && session === undefined,
  };
}
