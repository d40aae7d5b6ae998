import { parse } from "yaml";

/**
 * Parses YAML the way openstack/releases data reads: YAML 1.1, so `slurp: yes` is a boolean
 * and dates are timestamps. Callers normalise with the helpers below.
 */
export function parseYaml11(text: string): unknown {
  return parse(text, { version: "1.1" });
}

/** `yes`/`true` in either YAML version (ruamel reads `yes` as a string under YAML 1.2). */
export function asFlag(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  return typeof v === "string" && ["yes", "true", "on"].includes(v.toLowerCase());
}

/** A YAML date (a Date under 1.1, a string under 1.2) as `YYYY-MM-DD`, or null. */
export function asDate(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}/.test(v)) return v.slice(0, 10);
  return null;
}

/** A release id such as 2023.1 (YAML 1.1 reads it as a float: 2023.1 → "2023.1"). */
export function asReleaseId(v: unknown): string | null {
  if (typeof v === "number") return v.toFixed(1);
  if (typeof v === "string" && /^\d{4}\.\d$/.test(v)) return v;
  return null;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
