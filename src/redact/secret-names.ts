/** The words that make a key name secret when they end it (`database_password`, `OS_TOKEN`). */
const SECRET_LAST = new Set([
  "password",
  "passwd",
  "pass",
  "pwd",
  "passphrase",
  "secret",
  "token",
  "cookie",
  "salt",
  "credential",
  "credentials",
  "apikey",
  "authkey",
  "secretkey",
  "privatekey",
  "psk",
]);

// `key` alone is everywhere in Ansible output (`item={'key': 'nova-api', ...}`, `sort_key`,
// `key_name`, `public_key`), so a name ending in `key` is secret only with a qualifier.
const KEY_QUALIFIERS = new Set([
  "secret",
  "private",
  "crypto",
  "rndc",
  "api",
  "auth",
  "encryption",
  "fernet",
  "access",
  "master",
  "signing",
  "hmac",
  "shared",
  "heartbeat",
  "session",
  "client",
]);

// Options whose names end in a secret word but whose values are not secrets (Ansible's
// `user` module: `update_password: on_create`).
const HARMLESS_NAMES = new Set(["update_password", "password_policy", "token_provider"]);

/** Splits `adminPass`, `OS_PASSWORD`, `auth.password`, `--os-password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_.-]+/)
    .filter((w) => w !== "");
}

/**
 * The secret word a key name ends with, or null. `password_expires_at`, `token_expiration`,
 * `key_manager`, `secret_key_ref` and `secret_uuid` end in a harmless word and are not secret.
 */
export function secretWord(name: string): string | null {
  const cached = cache.get(name);
  if (cached !== undefined) return cached;
  if (cache.size > 10_000) cache.clear();
  const word = computeSecretWord(name);
  cache.set(name, word);
  return word;
}

// Logs repeat the same few hundred names millions of times.
const cache = new Map<string, string | null>();

function computeSecretWord(name: string): string | null {
  if (HARMLESS_NAMES.has(name.toLowerCase())) return null;
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined) return null;
  if (SECRET_LAST.has(last)) return last;
  // one word run together, as some tools name theirs: PGPASSWORD, DBPASSWD
  if (last.endsWith("password") || last.endsWith("passwd")) return "password";
  if (last !== "key" || words.length < 2) return null;
  return words.slice(0, -1).some((w) => KEY_QUALIFIERS.has(w)) ? "key" : null;
}
