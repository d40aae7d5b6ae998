import type { CloudAuth } from "./types.js";

/** The secret values of a cloud's credentials, for the redactor to know. */
export function cloudSecrets(auth: CloudAuth): { value: string; label: string }[] {
  const name = auth.cloudName ?? "OS_*";
  const out: { value: string; label: string }[] = [];
  const { password, applicationCredentialSecret, token } = auth.auth;
  if (password) out.push({ value: password, label: `${name} password` });
  if (applicationCredentialSecret)
    out.push({
      value: applicationCredentialSecret,
      label: `${name} application credential secret`,
    });
  if (token) out.push({ value: token, label: `${name} token` });
  return out;
}

/** Replaces every known secret in a text (a safety net for messages built from server replies). */
export function redactWith(secrets: string[]): (s: string) => string {
  const values = secrets.filter((v) => v.length > 0);
  return (s) => values.reduce((acc, v) => acc.split(v).join("[redacted]"), s);
}
