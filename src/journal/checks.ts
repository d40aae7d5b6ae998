/** A wrong spot in an imported document: `path` is JSON-path-like, e.g. `$.events[3].seq`. */
export class DocError extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`at ${path}: ${detail}`);
  }
}

/** Checks one value found at `path`; throws DocError when it is wrong. */
export type Check = (v: unknown, path: string) => void;

function shown(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export function bad(path: string, expected: string, v: unknown): never {
  throw new DocError(path, `expected ${expected}, got ${shown(v)}`);
}

export const anything: Check = () => {};
export const str: Check = (v, p) => void (typeof v === "string" || bad(p, "a string", v));
export const bool: Check = (v, p) => void (typeof v === "boolean" || bad(p, "true or false", v));
export const num: Check = (v, p) =>
  void ((typeof v === "number" && Number.isFinite(v)) || bad(p, "a number", v));
export const int: Check = (v, p) => void (Number.isSafeInteger(v) || bad(p, "an integer", v));
export const count: Check = (v, p) =>
  void ((Number.isSafeInteger(v) && (v as number) >= 0) || bad(p, "an integer ≥ 0", v));
export const nonEmpty: Check = (v, p) =>
  void ((typeof v === "string" && v.length > 0) || bad(p, "a non-empty string", v));

export const nullable =
  (c: Check): Check =>
  (v, p) =>
    v === null || c(v, p);

export const oneOf =
  (values: readonly unknown[]): Check =>
  (v, p) =>
    void (values.includes(v) || bad(p, `one of ${values.map(shown).join(", ")}`, v));

export const list =
  (item: Check): Check =>
  (v, p) => {
    if (!Array.isArray(v)) bad(p, "an array", v);
    for (const [i, x] of v.entries()) item(x, `${p}[${i}]`);
  };

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * An object with `required` and `optional` members; with `closed`, other members are errors
 * (payloads stay open so that newer minor fields survive).
 */
export function shape(
  required: Record<string, Check>,
  optional: Record<string, Check> = {},
  closed = true,
): Check {
  return (v, p) => {
    if (!isObject(v)) bad(p, "an object", v);
    for (const [k, c] of Object.entries(required)) {
      if (!(k in v)) throw new DocError(`${p}.${k}`, "missing");
      c(v[k], `${p}.${k}`);
    }
    for (const [k, c] of Object.entries(optional)) if (v[k] !== undefined) c(v[k], `${p}.${k}`);
    if (!closed) return;
    for (const k of Object.keys(v)) {
      if (!(k in required) && !(k in optional)) throw new DocError(`${p}.${k}`, "unknown member");
    }
  };
}
