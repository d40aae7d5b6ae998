import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fail } from "../errors/index.js";
import { looksLikeEnvFile, secretsFromEnvFile } from "./env-secrets.js";
import type { KnownSecret, LoadResult, SecretSourceKind } from "./types.js";
import { pushSecret } from "./usable-value.js";
import { fileLabel, leaves, parseYaml } from "./yaml-file.js";

/** Guesses the kind of a secret source from its file name, then its content. */
export function detectSourceKind(path: string, text: string): SecretSourceKind {
  const name = basename(path).toLowerCase();
  if (/^passwords\.ya?ml$/.test(name)) return "kolla-passwords";
  if (/^clouds\.ya?ml$/.test(name)) return "clouds-yaml";
  if (/^secure\.ya?ml$/.test(name)) return "secure-yaml";
  if (/(^|\.)env$|openrc|\.rc$|\.sh$/.test(name)) return "env-file";
  if (/^clouds:\s*$/m.test(text)) return "clouds-yaml";
  if (/^[a-z0-9_]+_(password|secret|key):/m.test(text)) return "kolla-passwords";
  if (looksLikeEnvFile(text)) return "env-file";
  return "plain";
}

/** Reads a registered source; kind detected from the file name/content when not given. */
export function loadSecretSource(
  path: string,
  kind?: SecretSourceKind,
  read: (path: string) => string = (p) => readFileSync(p, "utf8"),
): LoadResult {
  let text: string;
  try {
    text = read(path);
  } catch (err) {
    const detail = (err as NodeJS.ErrnoException).code ?? String(err);
    return { ok: false, error: fail("SecretSourceUnreadable", path, detail) };
  }
  const k = kind ?? detectSourceKind(path, text);
  switch (k) {
    case "kolla-passwords":
      return fromYaml(path, text, k, kollaSecrets);
    case "clouds-yaml":
    case "secure-yaml":
      return fromYaml(path, text, k, cloudSecrets);
    case "env-file":
      return { ok: true, kind: k, secrets: secretsFromEnvFile(path, text) };
    case "plain":
      return { ok: true, kind: k, secrets: plainSecrets(path, text) };
  }
}

function fromYaml(
  path: string,
  text: string,
  kind: SecretSourceKind,
  extract: (label: string, data: unknown) => KnownSecret[],
): LoadResult {
  const parsed = parseYaml(path, text);
  if (!parsed.ok) return parsed;
  return { ok: true, kind, secrets: extract(fileLabel(path), parsed.data) };
}

// Every value of passwords.yml, nested ones included (ssh key pairs, federation settings).
function kollaSecrets(file: string, data: unknown): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const leaf of leaves(data)) pushSecret(out, leaf.value, `${file}:${leaf.path}`);
  return out;
}

const CLOUD_SECRET_KEY = /password|secret|token|passcode/i;

// Passwords, application-credential secrets and tokens of every cloud.
function cloudSecrets(file: string, data: unknown): KnownSecret[] {
  const clouds = (data as { clouds?: unknown } | null)?.clouds;
  if (clouds === null || typeof clouds !== "object") return [];
  const out: KnownSecret[] = [];
  for (const leaf of leaves(clouds)) {
    const last = leaf.path.split(".").pop() ?? "";
    if (CLOUD_SECRET_KEY.test(last)) pushSecret(out, leaf.value, `${file}:${leaf.path}`);
  }
  return out;
}

// A file of bare values, one a line.
function plainSecrets(path: string, text: string): KnownSecret[] {
  const out: KnownSecret[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    pushSecret(out, line.trim(), `${fileLabel(path)}:${i + 1}`);
  });
  return out;
}
