import { escapeHtml, jsonForScript } from "./html.js";

/** A secret value the site must never contain; only `label` may be shown. */
export interface KnownSecret {
  value: string;
  label: string;
}

// Secrets shorter than this would match ordinary words; the redactor ignores them too.
const MIN_LENGTH = 4;

/**
 * Returns a finder of known secrets in text, matching each value as written, HTML-escaped and
 * JSON-escaped (the forms pages and search shards would carry it in).
 */
export function secretFinder(
  secrets: readonly KnownSecret[],
): (text: string) => KnownSecret | null {
  const forms: { needle: string; secret: KnownSecret }[] = [];
  for (const s of secrets) {
    if (s.value.length < MIN_LENGTH) continue;
    const variants = new Set([s.value, escapeHtml(s.value), jsonForScript(s.value).slice(1, -1)]);
    for (const needle of variants) forms.push({ needle, secret: s });
  }
  if (forms.length === 0) return () => null;
  const labels = new Set(secrets.map((s) => s.label));
  // stacklog's own markers name what they hide: a label is not a value, even where a value
  // (a lab's password "password") is also a word of a label (`[REDACTED password]`)
  const unmarked = (text: string) =>
    text.includes("[REDACTED ")
      ? text.replace(MARKER, (m, label: string) => (isLabel(label, labels) ? "" : m))
      : text;
  return (text) => {
    const t = unmarked(text);
    return forms.find((f) => t.includes(f.needle))?.secret ?? null;
  };
}

const MARKER = /\[REDACTED ([^\]\n]{1,200})\]/g;

/** A registered source's label, a pattern rule's (`password`, `url-password`) or `env:NAME`. */
function isLabel(label: string, labels: Set<string>): boolean {
  return labels.has(label) || /^[a-z]+(?:-[a-z]+)*$/.test(label) || /^env:[A-Z0-9_]+$/.test(label);
}
