import { createRequire } from "node:module";
import { basename } from "node:path";
import type { Node } from "yaml";
import { fail, type StacklogError } from "../errors/index.js";

// Loaded on first use: most stacklog calls read no YAML, and loading the parser costs more start-up
// time than the rest of `stacklog note` (see docs/performance.md).
let yamlModule: typeof import("yaml") | null = null;
function yaml(): typeof import("yaml") {
  yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yamlModule;
}

/** Parses YAML into plain data, or a `MalformedYaml` error with line and column. */
export function parseYaml(
  path: string,
  text: string,
): { ok: true; data: unknown } | { ok: false; error: StacklogError } {
  const doc = yaml().parseDocument(text, { uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
    const detail = (first.message.split("\n")[0] ?? first.code).replace(
      / at line \d+, column \d+:?$/,
      "",
    );
    return { ok: false, error: fail("MalformedYaml", path, pos.line, pos.col, detail) };
  }
  return { ok: true, data: toPlain(doc.contents) };
}

// Plain data, but with scalars as written (a password `0123456` must not become 123456).
function toPlain(node: Node | null | undefined | unknown): unknown {
  const { isMap, isScalar, isSeq } = yaml();
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) out[String(keyText(pair.key))] = toPlain(pair.value);
    return out;
  }
  if (isSeq(node)) return node.items.map(toPlain);
  if (isScalar(node)) return scalarValue(node);
  return null;
}

function keyText(key: unknown): unknown {
  return yaml().isScalar(key) ? (key as { value: unknown }).value : key;
}

function scalarValue(node: { value: unknown; source?: string }): unknown {
  if (typeof node.value === "number" && typeof node.source === "string") return node.source;
  return node.value;
}

/** Every scalar leaf of nested data with its dotted path (`nova_ssh_key.private_key`). */
export function leaves(data: unknown, prefix = ""): { path: string; value: unknown }[] {
  if (Array.isArray(data)) {
    return data.flatMap((v, i) => leaves(v, `${prefix}[${i}]`));
  }
  if (data !== null && typeof data === "object") {
    return Object.entries(data).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
  }
  return [{ path: prefix, value: data }];
}

/** The file name used in labels. */
export function fileLabel(path: string): string {
  return basename(path);
}
