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

function closingQuote(text: string, from: number, hi: number, quote: string): number {
  for (let i = from; i < hi; i++) {
    const c = text[i];
    if (c === "\n") return -1;
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
