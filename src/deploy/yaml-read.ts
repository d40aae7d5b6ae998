import { parseYamlText } from "../util/yaml.js";
import { type ReadContext, skip } from "./read-context.js";
import { readText, rel } from "./safe-fs.js";

const VAULT_HEADER = /^\s*\$ANSIBLE_VAULT;/;

/**
 * Reads a YAML file as plain data, or null (noting why in `skipped`): unreadable, encrypted
 * with ansible-vault, or malformed — then with file, line and column.
 */
export function readYaml(ctx: ReadContext, abs: string): unknown {
  const text = readText(ctx, abs);
  if (text === null) return null;
  const path = rel(ctx, abs);
  if (VAULT_HEADER.test(text)) {
    ctx.unusable.add(path);
    skip(ctx, path, "encrypted with ansible-vault; not decrypted");
    return null;
  }
  try {
    return parseText(ctx, path, text);
  } catch (err) {
    // The parser throws only on pathological input (nesting deep enough to exhaust the stack).
    ctx.unusable.add(path);
    skip(ctx, path, `YAML not readable: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

function parseText(ctx: ReadContext, path: string, text: string): unknown {
  const parsed = parseYamlText(path, text, "value");
  if (parsed.ok) return parsed.data;
  ctx.firstError ??= parsed.error;
  ctx.unusable.add(path);
  skip(ctx, path, `malformed YAML at line ${parsed.line}, column ${parsed.col}: ${parsed.detail}`);
  return null;
}

/** A YAML mapping as a record, or an empty one (for files that hold a mapping of variables). */
export function asRecord(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}
