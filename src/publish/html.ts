const HTML_MARK = Symbol("stacklog.html");

/** Markup that is already safe: produced by `html`, or explicitly trusted with `raw()`. */
export interface SafeHtml {
  readonly [HTML_MARK]: true;
  readonly value: string;
  toString(): string;
}

function safe(value: string): SafeHtml {
  return { [HTML_MARK]: true, value, toString: () => value };
}

/** True for results of `html` and `raw()`. */
export function isSafeHtml(x: unknown): x is SafeHtml {
  return typeof x === "object" && x !== null && (x as Record<symbol, unknown>)[HTML_MARK] === true;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "`": "&#96;",
};

const NEEDS_ESCAPE = /[&<>"'`]/;

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[&<>"'`]/g, (c) => ENTITIES[c] ?? c);
}

/**
 * Trusts a string as markup. The only opt-out from escaping: every call site is on the
 * XSS review list (`grep -n 'raw(' src/`).
 */
export function raw(markup: string): SafeHtml {
  return safe(markup);
}

/** Anything `html` accepts in an interpolation. `null`, `undefined` and `false` render nothing. */
export type HtmlValue =
  | SafeHtml
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly HtmlValue[];

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  if (isSafeHtml(value)) return value.value;
  return escapeHtml(String(value));
}

/**
 * Tagged template that escapes every interpolation; arrays are joined, and results of `html`
 * or `raw()` are inserted as they are.
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return safe(out);
}

/**
 * A URL safe for `href`/`src`: relative paths, fragments and http(s)/mailto pass; anything
 * else (`javascript:`, `data:`, `vbscript:` …) becomes `#`.
 */
export function safeUrl(url: string): string {
  // Browsers ignore tabs, newlines and leading control characters inside a scheme.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: those are the characters to remove.
  const squashed = url.replace(/[\u0000-\u0020\u007f]/g, "").toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(squashed);
  if (!scheme) return url;
  return ["http", "https", "mailto"].includes(scheme[1] ?? "") ? url : "#";
}

/** Text for a JSON value embedded in a `<script>` element: no `</script>` or `<!--` can close it. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
