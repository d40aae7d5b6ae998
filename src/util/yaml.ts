import { createRequire } from "node:module";
import type { Node } from "yaml";
import { fail, type StacklogError } from "../errors/index.js";

// Loaded on first use: most stacklog calls read no YAML, and loading the parser costs more
// start-up time than the rest of `stacklog note` (see docs/performance.md).
let yamlModule: typeof import("yaml") | null = null;
function yaml(): typeof import("yaml") {
  yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yamlModule;
}

/**
 * How numbers come back: `text` always as written (a password `0123456` must not become 123456);
 * `value` as numbers unless they would print back differently (`2024.10`, `0123` keep their text).
 */
export type NumberMode = "text" | "value";

/** Parses YAML (duplicate keys allowed) into plain data, or `MalformedYaml` with line and column. */
export function parseYamlText(
  path: string,
  text: string,
  numbers: NumberMode,
):
  | { ok: true; data: unknown }
  | { ok: false; error: StacklogError; line: number; col: number; detail: string } {
  const doc = yaml().parseDocument(text, { uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
    const detail = (first.message.split("\n")[0] ?? first.code).replace(
      / at line \d+, column \d+:?$/,
      "",
    );
    const error = fail("MalformedYaml", path, pos.line, pos.col, detail);
    return { ok: false, error, line: pos.line, col: pos.col, detail };
  }
  return { ok: true, data: toPlain(doc.contents, numbers) };
}

function toPlain(node: Node | null | undefined | unknown, numbers: NumberMode): unknown {
  const { isMap, isScalar, isSeq } = yaml();
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      out[String(key)] = toPlain(pair.value, numbers);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((n) => toPlain(n, numbers));
  if (isScalar(node)) return scalar(node, numbers);
  return null;
}

function scalar(node: { value: unknown; source?: string }, numbers: NumberMode): unknown {
  if (typeof node.value !== "number" || typeof node.source !== "string") return node.value;
  if (numbers === "text") return node.source;
  return String(node.value) === node.source ? node.value : node.source;
}
