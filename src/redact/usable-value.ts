import type { KnownSecret } from "./types.js";

/**
 * Values shorter than this are not redacted by value. A 5-character value such as `admin`,
 * `kolla` or `nova1` occurs all over a deployment log for other reasons, and hiding every
 * occurrence would make the record unreadable while protecting almost nothing (such a value
 * falls to guessing anyway). Patterns still catch short values next to a secret-like key.
 */
export const MIN_SECRET_LENGTH = 6;

/** Long values are searched as pieces of this length, which bounds what a stream holds back. */
export const MAX_PIECE_LENGTH = 256;

/**
 * The string to search for, or null when the value is not worth hiding: null, booleans,
 * empty and too-short strings. Numbers count (as written) when long enough.
 */
export function usableValue(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value)) value = String(value);
  if (typeof value === "bigint") value = String(value);
  if (typeof value !== "string") return null;
  return value.trim().length >= MIN_SECRET_LENGTH ? value : null;
}

/**
 * Splits a value into the strings to search for: each line of a multi-line value (a PEM key in
 * a YAML block is printed indented, line by line) and pieces of long lines.
 */
export function searchPieces(value: string): string[] {
  const pieces: string[] = [];
  for (const raw of value.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    const text = value.includes("\n") ? line.trim() : line;
    if (text.length < MIN_SECRET_LENGTH) continue;
    // Even pieces, so that no short tail is left unsearched.
    const size = Math.ceil(text.length / Math.ceil(text.length / MAX_PIECE_LENGTH));
    for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  }
  return pieces;
}

/** Adds a secret when its value is usable. */
export function pushSecret(out: KnownSecret[], value: unknown, label: string): void {
  const text = usableValue(value);
  if (text !== null) out.push({ value: text, label });
}
