// Characters that end an unquoted value: whitespace, quotes, separators of the structures a
// value sits in (JSON, Python reprs, shell, query strings) and ESC, which starts a colour code.
const STOP = new Set([..." \t\r\n\"'`,;&})]\\|\x1b"].map((c) => c.charCodeAt(0)));

/**
 * Where a value starting at `from` ends. Quoted values (`quote` is the opening quote, or `\"`
 * inside a JSON string) end at the matching quote on the same line.
 */
export function valueEnd(text: string, from: number, hi: number, quote: string | null): number {
  if (quote !== null) {
    const close = closingQuote(text, from, hi, quote);
    if (close >= 0) return close;
  }
  let i = from;
  while (i < hi && !STOP.has(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Where a shell word starting at `from` ends (`--os-password S3cret`, `OS_PASSWORD=S3cret` on a
 * command line): at white space or `;`, `&`, `|`, `<`, `>`, `(`, `)` outside quotes; a
 * backslash takes the next character into the word, and quotes inside it run to their match
 * (`ab"c d"e` is one word), as the shell reads it; a quote that ends the word ends it.
 */
export function shellWordEnd(text: string, from: number, hi: number): number {
  let i = from;
  while (i < hi) {
    const c = text[i] as string;
    if (c === "\\" && i + 1 < hi && text[i + 1] !== "\n") {
      i += 2;
    } else if (c === "'" || c === '"') {
      // a quote after the word, followed by what ends one, closes a string around it
      // (`"cmd": "openstack --os-password S3cret", ...`)
      if (i > from && (i + 1 >= hi || " \t,;:}]".includes(text[i + 1] as string))) break;
      const close = matchingQuote(text, i + 1, hi, c);
      i = close < 0 ? hi : close + 1;
    } else if (" \t\r\n;&|<>()\x1b".includes(c)) {
      break;
    } else i++;
  }
  return i;
}

function matchingQuote(text: string, from: number, hi: number, q: string): number {
  for (let i = from; i < hi; i++) {
    const c = text[i];
    if (c === "\n") return -1;
    if (q === '"' && c === "\\") i++;
    else if (c === q) return i;
  }
  return -1;
}

/**
 * Where a value that runs to the end of its line ends (`password = Pa)ss;w0rd` in an INI file,
 * `password: ab"cd` in YAML): before trailing white space, or at a colour code. In a quoted
 * string (`escaped`), a line break may be written `\n` or `\r` (a JSON string, a Python repr).
 */
export function lineValueEnd(text: string, from: number, hi: number, escaped = false): number {
  let end = from;
  for (; end < hi; end++) {
    const c = text[end];
    if (c === "\n" || c === "\r" || c === "\x1b") break;
    if (escaped && c === "\\" && (text[end + 1] === "n" || text[end + 1] === "r")) break;
  }
  while (end > from && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return end;
}

/**
 * The quoted string a value starting at `from` sits in, opened earlier on its line (`bash -c
 * 'x; echo "password = S3cret"'`): where its text starts (`after`) and its closing quote
 * (`close`). The innermost quote still open at `from` (an odd number of unescaped `"` or `'`,
 * or of `\"` in a JSON string, since `lo`, the line's start) that has a match before `hi`; null
 * when none has (an apostrophe: `don't`).
 */
export function enclosingQuote(
  text: string,
  lo: number,
  from: number,
  hi: number,
): { after: number; close: number } | null {
  let double = -1;
  let single = -1;
  let escaped = -1;
  for (let i = lo; i < from; i++) {
    const c = text.charCodeAt(i);
    if (c === 92) {
      if (text.charCodeAt(i + 1) === 34) escaped = escaped < 0 ? i : -1;
      i++;
    } else if (c === 34) double = double < 0 ? i : -1;
    else if (c === 39) single = single < 0 ? i : -1;
  }
  if (double < 0 && single < 0 && escaped < 0) return null;
  // innermost first: the quote opened last
  const open = [
    { quote: '"', at: double },
    { quote: "'", at: single },
    { quote: '\\"', at: escaped },
  ].filter((o) => o.at >= 0);
  for (const { quote, at } of open.sort((a, b) => b.at - a.at)) {
    const close = closingQuote(text, from, hi, quote);
    if (close >= 0) return { after: at + quote.length, close };
  }
  return null;
}

function closingQuote(text: string, from: number, hi: number, quote: string): number {
  for (let i = from; i < hi; i++) {
    const c = text[i];
    if (c === "\n") return -1;
    // YAML writes a quote inside a single-quoted scalar twice: `'It''s'`
    if (quote === "'" && c === "'" && text[i + 1] === "'") {
      i++;
      continue;
    }
    if (quote.length === 2 ? text.startsWith(quote, i) : c === quote && text[i - 1] !== "\\") {
      return i;
    }
  }
  return -1;
}

const HARMLESS_WORDS =
  /^(?:true|false|yes|no|on|off|null|none|nil|undefined|omit|value_specified_in_no_log_parameter|redacted|hidden|removed|masked)$/i;

/**
 * Values next to a secret-looking key that are not secrets: booleans and null, Jinja and
 * shell references (`{{ vault_x }}`, `$OS_PASSWORD`, `%(x)s`), masks that Ansible, keystoneauth
 * and stacklog itself print (`********`, `VALUE_SPECIFIED_IN_NO_LOG_PARAMETER`, `{SHA256}…`,
 * `[REDACTED …]`, `<password>`), and file paths (`ssl_key = /etc/kolla/certs/key.pem`).
 */
export function harmlessValue(value: string): boolean {
  if (value.length < 3) return true;
  if (HARMLESS_WORDS.test(value)) return true;
  if (value.includes("{{") || value.includes("{%") || value.includes("%(")) return true;
  if (value.startsWith("$") || value.startsWith("[REDACTED") || value.startsWith("{SHA")) {
    return true;
  }
  if (/^\*+$/.test(value) || /^<[^<>]*>$/.test(value)) return true;
  return /^~?\/[^\s]*\/[^\s]*$/.test(value);
}
