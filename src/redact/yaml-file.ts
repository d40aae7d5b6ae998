import { basename } from "node:path";
import type { StacklogError } from "../errors/index.js";
import { parseYamlText } from "../util/yaml.js";

/** Parses YAML into plain data with numbers as written, or `MalformedYaml` with line and column. */
export function parseYaml(
  path: string,
  text: string,
): { ok: true; data: unknown } | { ok: false; error: StacklogError } {
  const parsed = parseYamlText(path, text, "text");
  return parsed.ok ? parsed : { ok: false, error: parsed.error };
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
