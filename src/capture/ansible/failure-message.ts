import { parse as parseYaml } from "yaml";

const MSG_JSON = /"msg":\s*"((?:[^"\\]|\\.)*)"/;
const VAGUE = new Set([
  "",
  "non-zero return code",
  "MODULE FAILURE\nSee stdout/stderr for the exact error",
]);

/**
 * The one-line story of a failure from what the callback printed after `=>`: the `msg`, and
 * when that says little (a command's "non-zero return code", a module crash) the end of its
 * stderr, where the real error usually sits. At most `maxChars` characters.
 */
export function failureMessage(detail: string, maxChars: number): string {
  const text = detail.trim();
  const parsed = text.startsWith("{") ? parseObject(text) : parseYamlObject(dedent(detail));
  const message = parsed ? fromObject(parsed) : fromText(text);
  return clip(message.replace(/\s+/g, " ").trim(), maxChars);
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

// The yaml result format (ANSIBLE_CALLBACK_RESULT_FORMAT=yaml) prints an indented mapping.
function parseYamlObject(text: string): Record<string, unknown> | null {
  if (!/^[\w-]+:/.test(text)) return null;
  try {
    const value: unknown = parseYaml(text);
    return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function dedent(text: string): string {
  const lines = text.split("\n").filter((l) => l.trim().length > 0);
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join("\n");
}

function fromObject(result: Record<string, unknown>): string {
  const msg = asText(result.msg);
  if (!VAGUE.has(msg)) return msg;
  const stream = asText(result.module_stderr) || asText(result.stderr) || asText(result.stdout);
  const rc = typeof result.rc === "number" ? ` (rc=${result.rc})` : "";
  const said = msg.split("\n")[0] ?? "";
  const head = said || (result.failed_when_result === true ? "failed_when matched" : "failed");
  return stream ? `${head}${rc}: ${tail(stream, 600)}` : `${head}${rc}`;
}

function fromText(text: string): string {
  const json = MSG_JSON.exec(text);
  if (json?.[1] !== undefined) return decodeJsonString(json[1]);
  return text.split("\n")[0] ?? "";
}

function decodeJsonString(body: string): string {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return body;
  }
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function tail(text: string, n: number): string {
  const trimmed = text.trim();
  return trimmed.length <= n ? trimmed : `…${trimmed.slice(trimmed.length - n)}`;
}

function clip(text: string, n: number): string {
  return text.length <= n ? text : `${text.slice(0, n - 1)}…`;
}
