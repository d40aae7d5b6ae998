import type { KnownSecret } from "./types.js";
import { pushSecret } from "./usable-value.js";
import { fileLabel } from "./yaml-file.js";

const ALWAYS = ["OS_PASSWORD", "OS_APPLICATION_CREDENTIAL_SECRET", "OS_TOKEN"];

/**
 * The OpenStack secrets of an environment: `OS_PASSWORD`, `OS_APPLICATION_CREDENTIAL_SECRET`,
 * `OS_TOKEN`, and any other `OS_*` variable whose name holds PASSWORD, SECRET or TOKEN.
 */
export function secretsFromEnv(env: Record<string, string | undefined>): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !isOpenStackSecretName(name)) continue;
    pushSecret(out, value, `env:${name}`);
  }
  return out;
}

function isOpenStackSecretName(name: string): boolean {
  if (ALWAYS.includes(name)) return true;
  return name.startsWith("OS_") && /PASSWORD|SECRET|TOKEN/.test(name);
}

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/**
 * The values of a `KEY=value` file (an openrc, a `.env`). The user registered the file as
 * secret, so every value counts, but for `OS_*` variables only those named as secrets
 * (`OS_PASSWORD`, `OS_*SECRET*`, `OS_*TOKEN*`): the others are the client's settings (auth URL,
 * user and project names, `OS_AUTH_PLUGIN='password'`, interface, region), which occur
 * everywhere in a log and, hidden, would make the record unreadable (every "password" gone).
 */
export function secretsFromEnvFile(path: string, text: string): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = ASSIGNMENT.exec(line);
    if (!m?.[1] || (m[1].startsWith("OS_") && !isOpenStackSecretName(m[1]))) continue;
    pushSecret(out, unquote(m[2] ?? ""), `${fileLabel(path)}:${m[1]}`);
  }
  return out;
}

/** Whether most meaningful lines of a text are `KEY=value` assignments. */
export function looksLikeEnvFile(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !l.trim().startsWith("#"));
  if (lines.length === 0) return false;
  const assignments = lines.filter((l) => ASSIGNMENT.test(l)).length;
  return assignments * 2 > lines.length;
}

function unquote(raw: string): string {
  const v = raw.trim();
  const q = v[0];
  if ((q === '"' || q === "'") && v.length >= 2 && v.endsWith(q)) return v.slice(1, -1);
  // An unquoted value ends where a shell comment starts.
  return v.replace(/\s+#.*$/, "");
}
