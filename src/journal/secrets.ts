import type Database from "better-sqlite3";
import type { SecretSource } from "./store-types.js";

/** The registry of secret sources: where they are and what kind, never their values. */
export function secretSources(db: Database.Database, now: () => number) {
  const upsert = db.prepare(
    "INSERT INTO secret_sources (path, kind, added_at) VALUES (?, ?, ?) ON CONFLICT (path) DO UPDATE SET kind = excluded.kind",
  );
  const one = db.prepare<[string], { path: string; kind: string; added_at: number }>(
    "SELECT path, kind, added_at FROM secret_sources WHERE path = ?",
  );
  const all = db.prepare<[], { path: string; kind: string; added_at: number }>(
    "SELECT path, kind, added_at FROM secret_sources ORDER BY added_at, path",
  );
  const toSource = (r: { path: string; kind: string; added_at: number }): SecretSource => ({
    path: r.path,
    kind: r.kind,
    addedAt: r.added_at,
  });
  return {
    add: (s: { path: string; kind: string }): SecretSource => {
      upsert.run(s.path, s.kind, now());
      const row = one.get(s.path);
      if (!row) throw new Error(`secret source ${s.path} vanished after insert`);
      return toSource(row);
    },
    list: (): SecretSource[] => all.all().map(toSource),
  };
}
