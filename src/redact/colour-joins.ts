import type { Span } from "./types.js";

// Sequences that change how text looks but leave no character: SGR (colours, bold) and erase
// in line, which `grep --color` writes around each match (see `skipInvisible`).
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts what is looked for
const INVISIBLE_ALL = /\x1b\[[0-9;]*[mK]/g;

/**
 * Hides what the rules and known values find once colour codes are taken out of a line, where
 * those codes sit inside a word: `grep --color` marks a match in the middle of a password
 * (`database_password: Zq7\e[01;31m\e[KLk2\e[m\e[KVn9`), a program bolds part of a value. The
 * terminal shows such a value whole, and so would every colour-free view of the output (search,
 * text pages): the stretch found across the codes is replaced in the text as stored, the codes
 * it held kept after the marker so the colours that follow stay as they were.
 *
 * Only lines with such a code between two non-blank characters are searched again (in coloured
 * Ansible output the codes stand at line starts and ends, next to blanks and line breaks). A
 * value split this way across two pieces of a stream is not found.
 */
export function hideAcrossColours(text: string, spansOf: (line: string) => Span[]): string {
  if (!text.includes("\x1b[")) return text;
  const lines = joinLines(text);
  if (lines.length === 0) return text;
  const out: string[] = [];
  let pos = 0;
  for (const [start, end] of lines) {
    out.push(text.slice(pos, start), rehide(text.slice(start, end), spansOf));
    pos = end;
  }
  out.push(text.slice(pos));
  return out.join("");
}

/**
 * [start, end) of each line holding an invisible sequence between two non-blank characters.
 * Most codes follow a line break or a blank (a coloured line's start), and are passed over
 * without being read.
 */
function joinLines(text: string): [number, number][] {
  const found: [number, number][] = [];
  let at = text.indexOf("\x1b[");
  while (at >= 0) {
    if (at === 0 || blankCode(text.charCodeAt(at - 1))) {
      at = text.indexOf("\x1b[", at + 2);
      continue;
    }
    const end = skipInvisible(text, at);
    if (end === at) {
      at = text.indexOf("\x1b[", at + 2);
      continue;
    }
    if (end < text.length && !blankCode(text.charCodeAt(end))) {
      const lineStart = text.lastIndexOf("\n", at - 1) + 1;
      let lineEnd = text.indexOf("\n", end);
      if (lineEnd < 0) lineEnd = text.length;
      found.push([lineStart, lineEnd]);
      at = text.indexOf("\x1b[", lineEnd);
    } else at = text.indexOf("\x1b[", end);
  }
  return found;
}

function blankCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function skipInvisible(text: string, from: number): number {
  let i = from;
  while (text.charCodeAt(i) === 27 && text.charCodeAt(i + 1) === 91) {
    let j = i + 2;
    let c = text.charCodeAt(j);
    while ((c >= 48 && c <= 57) || c === 59) c = text.charCodeAt(++j);
    if (c !== 109 && c !== 75) break; // `m` (SGR) or `K` (erase in line)
    i = j + 1;
  }
  return i;
}

/** One line searched without its invisible sequences; new finds that cross one are replaced. */
function rehide(line: string, spansOf: (line: string) => Span[]): string {
  const chars: string[] = [];
  const at: number[] = []; // where each kept character is in `line`
  const cuts = new Set<number>(); // positions in the stripped line where sequences were taken out
  for (let i = 0; i < line.length; ) {
    const end = skipInvisible(line, i);
    if (end > i) {
      cuts.add(chars.length);
      i = end;
      continue;
    }
    chars.push(line[i] as string);
    at.push(i);
    i++;
  }
  const stripped = chars.join("");
  const crossing = spansOf(stripped).filter((s) => {
    for (let p = s.start + 1; p < s.end; p++) if (cuts.has(p)) return true;
    return false;
  });
  if (crossing.length === 0) return line;
  let result = line;
  for (const s of crossing.reverse()) {
    const from = at[s.start] as number;
    const to = (at[s.end - 1] as number) + 1;
    const held = result.slice(from, to).match(INVISIBLE_ALL)?.join("") ?? "";
    result = `${result.slice(0, from)}[REDACTED ${s.label}]${held}${result.slice(to)}`;
  }
  return result;
}
