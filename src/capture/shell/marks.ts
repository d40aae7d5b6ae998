/** What one of stacklog's private sequences in the shell's output says. */
export type Mark =
  | { kind: "start"; line: string; cwd: string }
  | { kind: "end"; status: number | null; cwd: string }
  | { kind: "pause"; on: boolean };

/** Output cut at stacklog's private sequences, which never reach the screen. */
export type Piece = { kind: "bytes"; bytes: Buffer } | { kind: "mark"; mark: Mark };

/** Number of stacklog's private OSC (an unassigned one; terminals ignore OSCs they do not know). */
export const PRIVATE_OSC = 6973;

/** The sequence `stacklog pause` (on) or `stacklog resume` (off) prints inside a recorded shell. */
export function pauseSequence(on: boolean): string {
  return `\x1b]${PRIVATE_OSC};${on ? "pause" : "resume"}\x07`;
}

/**
 * Reads the body of a private OSC (after "6973;"). Command start and end must carry the
 * session's nonce: the same sequences in a program's output (a replayed log, a shell reached
 * over ssh with its own integration) are then not taken for our shell's.
 */
export function parseMark(body: string, nonce: string): Mark | null {
  if (body === "pause" || body === "resume") return { kind: "pause", on: body === "pause" };
  // Every field is percent-encoded (";" too), so the body splits cleanly.
  const [verb, given, a, b] = body.split(";");
  if (given !== nonce || a === undefined || b === undefined) return null;
  if (verb === "start") return { kind: "start", cwd: percentDecode(a), line: percentDecode(b) };
  if (verb === "end")
    return { kind: "end", status: /^\d{1,3}$/.test(a) ? Number(a) : null, cwd: percentDecode(b) };
  return null;
}

/** Decodes %XX escapes (as the integration scripts write them) as UTF-8 bytes. */
export function percentDecode(s: string): string {
  if (!s.includes("%")) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s[i] === "%" ? s.slice(i + 1, i + 3) : "";
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      for (const b of Buffer.from(s[i] as string)) bytes.push(b);
    }
  }
  return Buffer.from(bytes).toString("utf8");
}
