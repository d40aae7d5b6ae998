import { isMap, isScalar, isSeq, type Node, parseDocument } from "yaml";
import { fail } from "../errors/index.js";
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
  const doc = parseDocument(text, { uniqueKeys: false });
  const first = doc.errors[0];
  if (first) {
    const pos = first.linePos?.[0] ?? { line: 1, col: 1 };
    const detail = (first.message.split("\n")[0] ?? first.code).replace(
      / at line \d+, column \d+:?$/,
      "",
    );
    ctx.firstError ??= fail("MalformedYaml", path, pos.line, pos.col, detail);
    ctx.unusable.add(path);
    skip(ctx, path, `malformed YAML at line ${pos.line}, column ${pos.col}: ${detail}`);
    return null;
  }
  return toPlain(doc.contents);
}

/** A YAML mapping as a record, or an empty one (for files that hold a mapping of variables). */
export function asRecord(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}

function toPlain(node: Node | null | undefined | unknown): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      out[String(key)] = toPlain(pair.value);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map(toPlain);
  if (isScalar(node)) return scalar(node);
  return null;
}

// A number that would not print back as written (`2024.10`, `0123`) keeps its text, so that a
// release such as `openstack_release: 2024.10` is not read as 2024.1.
function scalar(node: { value: unknown; source?: string }): unknown {
  if (typeof node.value === "number" && typeof node.source === "string") {
    return String(node.value) === node.source ? node.value : node.source;
  }
  return node.value;
}
