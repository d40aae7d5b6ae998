import { isUtf8 } from "node:buffer";

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

/**
 * Decodes %XX escapes (as the integration scripts write them) as UTF-8 and keeps the text between
 * them as it is, so any Unicode text comes back exactly. Used for marks and hook spool lines. A %
 * that starts no escape, and escaped bytes that are not UTF-8 (%E2%82 cut short, %FF), stay as
 * written: the scripts escape every % and no other byte above 0x7f, so neither comes from them,
 * and text shown as written is better than U+FFFD.
 */
export function percentDecode(s: string): string {
  return s.includes("%") ? s.replace(/(?:%[0-9a-fA-F]{2})+/g, decodeEscapes) : s;
}

// One run of escapes: each UTF-8 character in it decoded, each other byte kept as its %XX.
function decodeEscapes(run: string): string {
  const bytes = Buffer.from(run.replace(/%/g, ""), "hex");
  let out = "";
  for (let j = 0; j < bytes.length; ) {
    const char = bytes.subarray(j, j + utf8Length(bytes[j] as number));
    const ok = char.length > 0 && isUtf8(char);
    out += ok ? char.toString("utf8") : run.slice(3 * j, 3 * j + 3);
    j += ok ? char.length : 1;
  }
  return out;
}

// Bytes in the UTF-8 character this byte starts; 0 when it starts none.
function utf8Length(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
}
