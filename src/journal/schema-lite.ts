/**
 * A validator for the subset of JSON Schema 2020-12 that schema/export.schema.json uses:
 * type, const, enum, properties, required, additionalProperties, items, minimum, minLength,
 * pattern, oneOf, anyOf and local $ref. Any other keyword is refused, so the schema cannot
 * silently say more than is checked.
 */
export type Schema = boolean | { [keyword: string]: unknown };

const ANNOTATIONS = new Set(["$schema", "$id", "$defs", "title", "description"]);
const KEYWORDS = new Set([
  "type",
  "const",
  "enum",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minimum",
  "minLength",
  "pattern",
  "oneOf",
  "anyOf",
  "$ref",
]);

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function hasType(v: unknown, t: string): boolean {
  const actual = typeOf(v);
  return actual === t || (t === "number" && actual === "integer");
}

type S = Record<string, unknown>;

/** Errors as `path: message`; empty when `value` is valid against `schema`. */
export function validateSchema(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    const m = /^#\/\$defs\/([^/]+)$/.exec(ref);
    const found =
      m && typeof root === "object"
        ? (root.$defs as Record<string, Schema>)?.[m[1] as string]
        : undefined;
    if (found === undefined) throw new Error(`unsupported or dangling $ref ${ref}`);
    return found;
  };
  const check = (s: Schema, v: unknown, path: string, out: string[]): void => {
    if (s === true) return;
    if (s === false) return void out.push(`${path}: nothing is allowed here`);
    for (const k of Object.keys(s)) {
      if (!ANNOTATIONS.has(k) && !KEYWORDS.has(k))
        throw new Error(`unsupported keyword ${k} at ${path}`);
    }
    const before = out.length;
    checkKeywords(s, v, path, out);
    if (out.length === before) checkChildren(s, v, path, out);
  };
  const checkKeywords = (s: S, v: unknown, path: string, out: string[]): void => {
    if (s.$ref) check(resolve(s.$ref as string), v, path, out);
    const types = s.type === undefined ? null : ([] as string[]).concat(s.type as string);
    if (types && !types.some((t) => hasType(v, t)))
      out.push(`${path}: expected ${types.join(" or ")}, got ${typeOf(v)}`);
    if ("const" in s && JSON.stringify(s.const) !== JSON.stringify(v))
      out.push(`${path}: expected ${JSON.stringify(s.const)}`);
    if (s.enum && !(s.enum as unknown[]).some((e) => JSON.stringify(e) === JSON.stringify(v)))
      out.push(`${path}: not one of the allowed values`);
    if (typeof v === "number" && typeof s.minimum === "number" && v < s.minimum)
      out.push(`${path}: below ${s.minimum}`);
    if (typeof v === "string" && typeof s.minLength === "number" && v.length < s.minLength)
      out.push(`${path}: too short`);
    if (
      typeof v === "string" &&
      typeof s.pattern === "string" &&
      !new RegExp(s.pattern, "u").test(v)
    )
      out.push(`${path}: does not match ${s.pattern}`);
    for (const [k, many] of [
      ["oneOf", 1],
      ["anyOf", 0],
    ] as const) {
      if (!s[k]) continue;
      const ok = (s[k] as Schema[]).filter((sub) => validSub(sub, v, path)).length;
      if (ok === 0 || (many === 1 && ok > 1))
        out.push(`${path}: ${ok} of the ${k} alternatives match`);
    }
  };
  const validSub = (s: Schema, v: unknown, path: string): boolean => {
    const sub: string[] = [];
    check(s, v, path, sub);
    return sub.length === 0;
  };
  const checkChildren = (s: S, v: unknown, path: string, out: string[]): void => {
    if (typeOf(v) === "object") {
      const o = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required ?? []) as string[])
        if (!(r in o)) out.push(`${path}.${r}: missing`);
      for (const [k, x] of Object.entries(o)) {
        if (k in props) check(props[k] as Schema, x, `${path}.${k}`, out);
        else if (s.additionalProperties !== undefined)
          check(s.additionalProperties as Schema, x, `${path}.${k}`, out);
      }
    }
    if (Array.isArray(v) && s.items !== undefined) {
      v.forEach((x, i) => {
        check(s.items as Schema, x, `${path}[${i}]`, out);
      });
    }
  };
  check(root, value, "$", errors);
  return errors;
}
