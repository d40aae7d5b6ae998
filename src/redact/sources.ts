import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fail } from "../errors/index.js";
import { looksLikeEnvFile, secretsFromEnvFile } from "./env-secrets.js";
import { plainSecrets } from "./plain-file.js";
import type { KnownSecret, LoadResult, SecretSourceKind } from "./types.js";
import { pushSecret } from "./usable-value.js";
import { fileLabel, holdsYamlValues, type YamlLeaf, yamlLeaves } from "./yaml-file.js";

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
  // A file the user registered as secret holds secrets: in a YAML file, every value.
  if (holdsYamlValues(text)) return "yaml-file";
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
    case "yaml-file":
      return fromYaml(path, text, k, everyValue);
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
  extract: (file: string, leaves: YamlLeaf[]) => KnownSecret[],
): LoadResult {
  const parsed = yamlLeaves(path, text);
  if (!parsed.ok) return parsed;
  return { ok: true, kind, secrets: extract(fileLabel(path), parsed.leaves) };
}

// Every value of passwords.yml or another YAML file of secrets, nested ones included (ssh key
// pairs, federation settings).
function everyValue(file: string, leaves: YamlLeaf[]): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const leaf of leaves) pushLeaf(out, leaf, `${file}:${leaf.path}`);
  return out;
}

const CLOUD_SECRET_KEY = /password|secret|token|passcode/i;
// A path under `clouds` (`clouds.one.auth.password`), without the `clouds.`.
const IN_CLOUDS = /^clouds(?:\.(.+)|(\[.+))$/;

// Passwords, application-credential secrets and tokens of every cloud.
function cloudSecrets(file: string, leaves: YamlLeaf[]): KnownSecret[] {
  const out: KnownSecret[] = [];
  for (const leaf of leaves) {
    const m = IN_CLOUDS.exec(leaf.path);
    const path = m?.[1] ?? m?.[2];
    if (path === undefined) continue;
    const last = path.split(".").pop() ?? "";
    if (CLOUD_SECRET_KEY.test(last)) pushLeaf(out, leaf, `${file}:${path}`);
  }
  return out;
}

// The value, and the lines the file writes it over when they differ (a folded block), which
// `cat` prints as they are.
function pushLeaf(out: KnownSecret[], leaf: YamlLeaf, label: string): void {
  pushSecret(out, leaf.value, label);
  if (leaf.written.length > 0) pushSecret(out, leaf.written.join("\n"), label);
}
