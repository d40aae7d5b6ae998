type Redact = (s: string) => string;

/**
 * Redacts a value's strings. A string under a key is redacted as the line `key: value`, so
 * that the key-name patterns (`*_password: …`) apply to values that no file listed.
 */
export function redactDeep(value: unknown, redact: Redact, key?: string): unknown {
  if (typeof value === "string") return redactValue(value, redact, key);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, key));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact, k)]));
  }
  return value;
}

function redactValue(value: string, redact: Redact, key?: string): string {
  if (key === undefined || value.includes("\n")) return redact(value);
  const head = `${key}: `;
  const line = redact(`${head}${value}`);
  return line.startsWith(head) ? line.slice(head.length) : redact(value);
}

/** Redacts every string of a record of scalars (image tags, interfaces). */
export function redactRecord(r: Record<string, string>, redact: Redact): Record<string, string> {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, redactValue(v, redact, k)]));
}
