/** A note document in the plain shape: section name to a string or a list of strings. */
export type PlainNote = Record<string, string | string[]>;

// Anything YAML could read in a way this reader does not model sends the note to the full parser:
// control characters, tabs, CR, BOM, YAML 1.1's extra line breaks and lines of only spaces.
const SPACES_ONLY = /^ +$/m;

function unsure(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f)) return true;
    if (c === 0xfeff || c === 0x2028 || c === 0x2029) return true;
  }
  return SPACES_ONLY.test(text);
}
const KEY = /^[A-Za-z][A-Za-z0-9_-]*$/;
// Words YAML 1.1 reads as booleans or null, as keys and as values.
const SPECIAL = /^(?:y|n|yes|no|on|off|true|false|null)$/i;
// A plain scalar that can only be a string: starts with a letter, no comment, key or flow marks.
const PLAIN = /^[A-Za-z][^#:[\]{}]*$/;

type Read<T> = { value: T; next: number } | undefined;

/**
 * Reads a note written in the shapes reno notes nearly always use — top-level sections holding
 * a list of plain or `|`/`>` block items, or one such scalar — exactly as YAML 1.1 would.
 * Returns undefined whenever the text strays from those shapes, so the caller can fall back to
 * a full YAML parser; it never guesses.
 */
export function readPlainNote(text: string): PlainNote | undefined {
  if (!text.endsWith("\n") || unsure(text)) return undefined;
  const lines = text.split("\n");
  lines.pop();
  const doc: PlainNote = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line === "") {
      i++;
      continue;
    }
    // `key:` opens a list, `key: value` holds one scalar.
    const colon = line.indexOf(":");
    const key = line.slice(0, colon);
    if (colon < 1 || colon > 100 || !KEY.test(key) || SPECIAL.test(key) || Object.hasOwn(doc, key))
      return undefined;
    if (colon + 1 < line.length && line.charCodeAt(colon + 1) !== 32) return undefined;
    const read =
      colon + 1 === line.length
        ? readList(lines, i + 1)
        : readScalar(line.slice(colon + 2), lines, i + 1, 0);
    if (!read) return undefined;
    doc[key] = read.value;
    i = read.next;
  }
  return Object.keys(doc).length ? doc : undefined;
}

// The indentation of a `- item` line, or -1 for any other line.
function itemIndent(line: string): number {
  const n = indentOf(line);
  return line.charCodeAt(n) === 45 && line.charCodeAt(n + 1) === 32 ? n : -1;
}

function indentOf(line: string): number {
  let n = 0;
  while (line.charCodeAt(n) === 32) n++;
  return n;
}

function readList(lines: string[], start: number): Read<string[]> {
  let i = start;
  while (lines[i] === "") i++;
  const indent = itemIndent(lines[i] ?? "");
  if (indent < 0) return undefined;
  const items: string[] = [];
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line === "") {
      i++;
      continue;
    }
    if (itemIndent(line) !== indent) break;
    const read = readScalar(line.slice(indent + 2), lines, i + 1, indent);
    if (!read) return undefined;
    items.push(read.value);
    i = read.next;
  }
  // Whatever follows the list must be the next top-level section.
  if (i < lines.length && (lines[i] as string).startsWith(" ")) return undefined;
  return { value: items, next: i };
}

function readScalar(head: string, lines: string[], start: number, indent: number): Read<string> {
  if (head === "|" || head === ">") return readBlock(head, lines, start, indent);
  if (!PLAIN.test(head) || SPECIAL.test(head) || head.endsWith(" ")) return undefined;
  // A more-indented line after a plain scalar would continue it.
  const next = lines[start];
  if (next?.startsWith(" ".repeat(indent + 1))) return undefined;
  return { value: head, next: start };
}

// A `|` (literal) or `>` (folded) block with clipped chomping and detected indentation.
function readBlock(style: string, lines: string[], start: number, indent: number): Read<string> {
  const first = lines[start] ?? "";
  const width = indentOf(first);
  if (first === "" || width < indent + 2) return undefined;
  const body: string[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") body.push("");
    else if (indentOf(line) >= width) body.push(line.slice(width));
    else break;
  }
  while (body.at(-1) === "") body.pop();
  // Blank lines after the block belong to it; step back so the caller sees the next line.
  while (i > start && lines[i - 1] === "") i--;
  if (style === "|") return { value: `${body.join("\n")}\n`, next: i };
  const folded = fold(body);
  return folded === undefined ? undefined : { value: folded, next: i };
}

// Folding: a single line break becomes a space; each blank line between two lines is one "\n".
function fold(body: string[]): string | undefined {
  let out = "";
  let blanks = 0;
  for (const line of body) {
    if (line === "") {
      blanks++;
      continue;
    }
    // More-indented or space-ended lines follow rules this reader does not model.
    if (line.startsWith(" ") || line.endsWith(" ")) return undefined;
    if (out) out += blanks ? "\n".repeat(blanks) : " ";
    out += line;
    blanks = 0;
  }
  return `${out}\n`;
}
