import { createRequire } from "node:module";
import { basename } from "node:path";
import type { Scalar } from "yaml";
import type { StacklogError } from "../errors/index.js";
import { parseYamlText } from "../util/yaml.js";

// Loaded on first use, as in util/yaml.ts: most stacklog calls read no YAML.
let yamlModule: typeof import("yaml") | null = null;
function yaml(): typeof import("yaml") {
  yamlModule ??= createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return yamlModule;
}

/** A scalar of a YAML file: its dotted path (`nova_ssh_key.private_key`) and value. */
export interface YamlLeaf {
  path: string;
  /** Numbers as written (a password `0123456` stays `0123456`). */
  value: unknown;
  /**
   * The lines the file writes the value over, when they are not the value's own lines: a folded
   * block (`>-`) or a plain or quoted scalar continued on the next lines is joined with spaces,
   * but `cat` prints it as written. Empty for one-line values and literal blocks (`|`).
   */
  written: string[];
}

/** Every scalar leaf of a YAML file, or `MalformedYaml` with line and column. */
export function yamlLeaves(
  path: string,
  text: string,
): { ok: true; leaves: YamlLeaf[] } | { ok: false; error: StacklogError } {
  const doc = yaml().parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) {
    // The shared parser words the error (file, line, column) as everywhere else.
    const parsed = parseYamlText(path, text, "text");
    if (!parsed.ok) return { ok: false, error: parsed.error };
  }
  const leaves: YamlLeaf[] = [];
  collect(doc.contents, "", text, leaves);
  return { ok: true, leaves };
}

/**
 * Whether a text is a YAML mapping or list with at least one value, and so not a file of bare
 * values, one a line. A mapping of names alone is not: a one-line password that ends in `:`
 * (`4DMxG7op/+gh8@:`) reads as one.
 */
export function holdsYamlValues(text: string): boolean {
  const y = yaml();
  const doc = y.parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0 || !(y.isMap(doc.contents) || y.isSeq(doc.contents))) return false;
  const leaves: YamlLeaf[] = [];
  collect(doc.contents, "", text, leaves);
  return leaves.some((l) => l.value !== null);
}

function collect(node: unknown, path: string, text: string, out: YamlLeaf[]): void {
  const y = yaml();
  if (y.isMap(node)) {
    for (const pair of node.items) {
      const key = String(y.isScalar(pair.key) ? pair.key.value : pair.key);
      collect(pair.value, path ? `${path}.${key}` : key, text, out);
    }
  } else if (y.isSeq(node)) {
    node.items.forEach((item, i) => {
      collect(item, `${path}[${i}]`, text, out);
    });
  } else if (y.isScalar(node)) {
    out.push({ path, value: asWritten(node), written: writtenLines(node, text) });
  }
}

function asWritten(node: Scalar): unknown {
  return typeof node.value === "number" && typeof node.source === "string"
    ? node.source
    : node.value;
}

function writtenLines(node: Scalar, text: string): string[] {
  const [start, end] = node.range ?? [0, 0];
  const raw = text.slice(start, end);
  if (!raw.includes("\n")) return [];
  let lines = raw.split(/\r?\n/);
  const { BLOCK_FOLDED, BLOCK_LITERAL, QUOTE_DOUBLE, QUOTE_SINGLE } = yaml().Scalar;
  if (node.type === BLOCK_FOLDED || node.type === BLOCK_LITERAL) {
    lines = lines.slice(1); // the header: `>-`, `|2`, a comment
  } else if (node.type === QUOTE_DOUBLE || node.type === QUOTE_SINGLE) {
    lines[0] = (lines[0] ?? "").slice(1);
    lines[lines.length - 1] = (lines[lines.length - 1] ?? "").slice(0, -1);
  }
  const kept = lines.map((l) => l.trim()).filter((l) => l !== "");
  const own = new Set(
    String(node.value)
      .split("\n")
      .map((l) => l.trim()),
  );
  return kept.every((l) => own.has(l)) ? [] : kept;
}

/** The file name used in labels. */
export function fileLabel(path: string): string {
  return basename(path);
}
