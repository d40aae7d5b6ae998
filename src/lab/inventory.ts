type Row = Record<string, unknown>;

/** Rows of an `openstack … -f json` answer (warnings go to stderr, so stdout is the JSON). */
export function parseRows(stdout: string): Row[] {
  const start = stdout.indexOf("[");
  if (start < 0) return [];
  const rows = JSON.parse(stdout.slice(start)) as unknown;
  return Array.isArray(rows) ? (rows as Row[]) : [];
}

/** `kind:name` entries for the Name column of a listing. */
export function names(kind: string, stdout: string): string[] {
  return parseRows(stdout).map((r) => `${kind}:${String(r.Name ?? r.name ?? "")}`);
}

/** `assignment:role:actor:target` entries of `openstack role assignment list --names -f json`. */
export function assignments(stdout: string): string[] {
  return parseRows(stdout).map((r) => {
    const actor = String(r.User || r.Group || "");
    const target = String(r.Project || r.Domain || (r.System ? `system:${r.System}` : ""));
    return `assignment:${String(r.Role)}:${actor}:${target}${r.Inherited ? ":inherited" : ""}`;
  });
}

/** `ec2:ACCESS` entries of `openstack credential list --type ec2 -f json` whose blob still holds `secret`. */
export function ec2Credentials(stdout: string, secret: string): string[] {
  return parseRows(stdout).map((r) => {
    const blob = JSON.parse(String(r.Blob ?? r.Data ?? "{}")) as {
      access?: string;
      secret?: string;
    };
    return `ec2:${blob.access ?? "?"}:${blob.secret === secret ? "decrypts" : "does-not-decrypt"}`;
  });
}

/** What was seeded and is missing now (an empty list means everything survived). */
export function missingAfter(before: readonly string[], after: readonly string[]): string[] {
  const now = new Set(after);
  return before.filter((item) => !now.has(item));
}
