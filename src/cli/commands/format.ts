import type { Ctx } from "../context.js";

/** ISO-like UTC time, to the second: `2026-11-25 09:14:03Z`. */
export function utc(ms: number | null): string {
  if (ms === null) return "—";
  return new Date(ms)
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, "Z");
}

/** `1h 02m`, `3m 05s`, `850 ms`. */
export function duration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

const CODES = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  dim: 2,
  bold: 1,
} as const;

/** Colours text for a terminal, or not at all (NO_COLOR, pipes, --json). */
export function paint(ctx: Ctx, colour: keyof typeof CODES, text: string): string {
  return ctx.color ? `\x1b[${CODES[colour]}m${text}\x1b[0m` : text;
}

// C0 controls but tab and newline, DEL, and the C1 controls (some terminals obey U+009B as CSI).
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

function shown(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x1b) return "\\e";
  if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
  if (code === 0x7f) return "^?";
  return `\\x${code.toString(16)}`;
}

/**
 * User text (titles, notes, names, command lines) as a text view prints it: control characters are
 * shown (ESC as `\e`, BEL as `^G`, CR as `^M`), never obeyed, so a stored escape sequence cannot
 * retitle the terminal, recolour it or overwrite a line. Newlines and tabs stay; CR LF is a newline.
 * Not for --json, nor for a command's own output, which `show` prints as the terminal showed it.
 */
export function visible(text: string): string {
  return text.replace(/\r\n/g, "\n").replace(CONTROL, shown);
}

/** `visible` for a one-line field: a newline is shown as ⏎. */
export function oneLine(text: string): string {
  return visible(text).replace(/\n/g, "⏎");
}
