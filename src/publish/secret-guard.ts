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
  return (text) => forms.find((f) => text.includes(f.needle))?.secret ?? null;
}
