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
 * `password: ab"cd` in YAML): before trailing white space, or at a colour code.
 */
export function lineValueEnd(text: string, from: number, hi: number): number {
  let end = from;
  while (end < hi && text[end] !== "\n" && text[end] !== "\r" && text[end] !== "\x1b") end++;
  while (end > from && (text[end - 1] === " " || text[end - 1] === "\t")) end--;
  return end;
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
