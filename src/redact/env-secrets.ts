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

// Settings of an openrc file that are not secret and occur everywhere in a log (the auth URL,
// user and project names): hiding them would make the record unreadable.
const OPENRC_SETTINGS =
  /^OS_(AUTH_URL|AUTH_TYPE|USERNAME|USER_ID|PROJECT_NAME|PROJECT_ID|TENANT_NAME|TENANT_ID|USER_DOMAIN_NAME|USER_DOMAIN_ID|PROJECT_DOMAIN_NAME|PROJECT_DOMAIN_ID|DOMAIN_NAME|DOMAIN_ID|REGION_NAME|INTERFACE|ENDPOINT_TYPE|IDENTITY_API_VERSION|IMAGE_API_VERSION|VOLUME_API_VERSION|COMPUTE_API_VERSION|CACERT|CERT|KEY|CLOUD|APPLICATION_CREDENTIAL_ID|APPLICATION_CREDENTIAL_NAME)$/;

const ASSIGNMENT = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/;

/**
 * The values of a `KEY=value` file (an openrc, a `.env`). The user registered the file as
 * secret, so every value counts except the non-secret OpenStack settings listed above.
 */
export function secretsFromEnvFile(path: string, text: string): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = ASSIGNMENT.exec(line);
    if (!m?.[1] || OPENRC_SETTINGS.test(m[1])) continue;
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
