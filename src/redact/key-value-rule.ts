import { isNameChar, type Rule, runLength, skipBlank } from "./rule.js";
import { secretWord } from "./secret-names.js";
import type { Span } from "./types.js";
import { enclosingQuote, harmlessValue, lineValueEnd, shellWordEnd, valueEnd } from "./values.js";

const NAME_MAX = 64;

/**
 * `name = value`, `name: value`, `"name": "value"`, `--name value`, `| name | value |`
 * (an `openstack` table row) and `{'key': 'name', 'value': 'value'}` (an item of Ansible's loops
 * over a mapping: kolla's password tasks print every password so) where the name ends in a
 * secret word (see `secretWord`), as INI, YAML, env files, JSON results, Python reprs and
 * command lines write them.
 */
export const keyValueRule: Rule = {
  id: "key-value",
  // Names ending in other secret words (`_credential`, `_psk`) are still found when they
  // also hold one of these.
  // Any part of a secret word will do (the rule reads the whole name around it): `wd` is
  // rarer than `pwd`.
  anchors: ["pass", "wd", "secret", "token", "cookie", "salt", "key"],
  // A name that starts with `key` is secret only if it ends in another secret word (which is
  // an anchor of its own) or in a qualified `key` further on (`key.api_key`: that `key` does not
  // start the name). Kolla's output has `'key':` on every other line of its loops.
  insideNameOnly: ["key"],
  // As far back as the command-line rule reads (the stream holds no more back): far enough to
  // see the quote a long command line opened before the name.
  back: 160,
  fwd: 4096,
  lineLocal: true,
  hits(text, at, lo, hi, complete) {
    if (!complete) return null;
    const start = at - backRun(text, at, lo);
    const end = at + runLength(text, at, Math.min(hi, at + NAME_MAX), isNameChar);
    const name = text.slice(start, trimDots(text, start, end));
    const word = secretWord(name);
    if (!word || (precededByPath(text, start, lo) && !assignedAfter(text, end, hi))) return [];
    return valueSpan(text, start, start + name.length, lo, hi, word);
  },
};

// Drops trailing `.` and `-` (a sentence's full stop, a dash); runs on every anchor, so no regex.
function trimDots(text: string, start: number, end: number): number {
  let e = end;
  for (let c = text.charCodeAt(e - 1); e > start && (c === 46 || c === 45); ) {
    e--;
    c = text.charCodeAt(e - 1);
  }
  return e;
}

function backRun(text: string, at: number, lo: number): number {
  let i = at;
  const stop = Math.max(lo, at - NAME_MAX);
  while (i > stop && isNameChar(text.charCodeAt(i - 1))) i--;
  return at - i;
}

// A name followed by ` = `: an assignment even after a `/`, as in a sed expression
// (`s/^password = .*/password = NewPw1234/`), where no path has it.
function assignedAfter(text: string, end: number, hi: number): boolean {
  const i = skipBlank(text, end, hi);
  return i > end && text[i] === "=" && text[i + 1] !== "=";
}

// A path (`/etc/passwd`) or a reference (`$OS_PASSWORD`, `${OS_PASSWORD}`, `%(password)s`).
function precededByPath(text: string, start: number, lo: number): boolean {
  if (start <= lo) return false;
  const c = text[start - 1];
  if (c === "/" || c === "$") return true;
  const d = start - 2 >= lo ? text[start - 2] : "";
  return (c === "{" || c === "(") && (d === "$" || d === "%");
}

function valueSpan(
  text: string,
  start: number,
  end: number,
  lo: number,
  hi: number,
  word: string,
): Span[] {
  const flag = text.startsWith("--", start);
  let i = closeNameQuote(text, start, end, lo);
  const before = text.slice(lo, start);
  const gap = skipBlank(text, i, hi);
  const sep = text[gap];
  if (sep === "," && i > end) return itemValue(text, start, gap + 1, lo, hi, word);
  if (sep === "|" && before.trim() === "|") return tableCell(text, gap + 1, hi, word);
  const assigns = sep === "=" && !"=>~".includes(text[gap + 1] ?? "");
  const colon = sep === ":" && text[gap + 1] !== ":";
  if (!assigns && !colon && !(flag && gap > i)) return [];
  // A value in a quoted string ends with the string at the latest, and a name that starts the
  // string starts a line of its own (`bash -c 'x; echo "password = Pa)ss;w0rd"'`).
  const quoted = enclosingQuote(text, lo, gap, hi);
  const startsLine = LINE_START.test(quoted ? text.slice(quoted.after, start) : before);
  // How the value ends when it is not quoted: a config file's value runs to the end of its line
  // (`password = Pa)ss;w0rd` in INI, `password: ab"cd` in a YAML block), a command line's is a
  // shell word (`--os-password S3cr\&t`, `OS_PASSWORD=S3cret; ...`), anything else ends at the
  // punctuation of the structure it sits in (JSON, Python reprs, YAML flow, query strings).
  let unquoted: "line" | "word" | "structure" = "structure";
  if (assigns) {
    i = gap + 1;
    const spaced = gap > end || text[gap + 1] === " " || text[gap + 1] === "\t";
    unquoted = spaced && startsLine ? "line" : "word";
  } else if (colon) {
    i = gap + 1;
    if (startsLine) unquoted = "line";
  } else {
    i = gap;
    unquoted = "word";
  }
  i = skipBlank(text, i, hi);
  const last = quoted?.close ?? hi;
  const quote = openingQuote(text, i);
  i += quote?.length ?? 0;
  const valueEndAt =
    quote !== null || unquoted === "structure" || "{[|>".includes(text[i] ?? "")
      ? valueEnd(text, i, last, quote)
      : unquoted === "line"
        ? lineValueEnd(text, i, last, quoted !== null)
        : quoted !== null
          ? quotedWordEnd(text, i, last)
          : shellWordEnd(text, i, last);
  return harmlessValue(text.slice(i, valueEndAt))
    ? []
    : [{ start: i, end: valueEndAt, label: word }];
}

// What may stand before a name that starts a config file's line: indentation, a YAML list's
// dash, the name's opening quote; and the file name (and line number) that `grep` prints before
// the line (`/etc/kolla/nova/nova.conf:password = Pa)ss;w0rd`).
const LINE_START = /^(?:(?=[^\s"':]*[./])[^\s"':]+:(?:\d+:)?)?\s*(?:-\s+)?["']?$/;

// `"password": …`, `'password': …` and `\"password\": …` close the quote that opened the name.
function closeNameQuote(text: string, start: number, end: number, lo: number): number {
  const before = start > lo ? text[start - 1] : "";
  if ((before === '"' || before === "'") && text[end] === before) return end + 1;
  if (text[end] === "\\" && (text[end + 1] === '"' || text[end + 1] === "'")) return end + 2;
  return end;
}

function openingQuote(text: string, i: number): string | null {
  const c = text[i];
  if (c === '"' || c === "'") return c;
  if (c === "\\" && (text[i + 1] === '"' || text[i + 1] === "'")) return text.slice(i, i + 2);
  return null;
}

function tableCell(text: string, from: number, hi: number, word: string): Span[] {
  const bar = text.indexOf("|", from);
  const cellEnd = bar >= 0 && bar < hi ? bar : hi;
  const start = skipBlank(text, from, cellEnd);
  let end = cellEnd;
  while (end > start && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return harmlessValue(text.slice(start, end)) ? [] : [{ start, end, label: word }];
}

// `{'key': 'database_password', 'value': 'S3cret'}`: the quoted name is the value of `key`, and
// the value of `value` after it is the secret. `from` is just after the comma.
function itemValue(
  text: string,
  start: number,
  from: number,
  lo: number,
  hi: number,
  word: string,
): Span[] {
  const q = text[start - 1] as string;
  const before = text.slice(Math.max(lo, start - 16), start - 1).trimEnd();
  if (!before.endsWith(`${q}key${q}:`)) return [];
  let i = skipBlank(text, from, hi);
  const label = `${q}value${q}:`;
  if (!text.startsWith(label, i)) return [];
  i = skipBlank(text, i + label.length, hi);
  const quote = openingQuote(text, i);
  if (quote === null) return [];
  i += quote.length;
  const end = valueEnd(text, i, hi, quote);
  return harmlessValue(text.slice(i, end)) ? [] : [{ start: i, end, label: word }];
}

/**
 * Where a `name=value` inside a quoted string ends: at white space or the string's end, not at
 * the shell's separators, which a quoted string does not have (`-e 'db_password=Ab;cd12'`).
 * A `;` that ends the word is taken for a separator all the same (`bash -c 'export
 * OS_PASSWORD=S3cret; ...'`), since a quoted string is often a script.
 */
function quotedWordEnd(text: string, from: number, last: number): number {
  let i = from;
  while (i < last && text[i] !== " " && text[i] !== "\t" && text[i] !== "\n") i++;
  return i > from + 1 && text[i - 1] === ";" ? i - 1 : i;
}
