import { statSync } from "node:fs";
import type { StacklogError } from "../errors/index.js";
import {
  createRedactor,
  type KnownSecret,
  loadSecretSource,
  type Redactor,
  secretsFromEnv,
} from "../redact/index.js";
import type { Ctx } from "./context.js";
import { loadState, readState, updateState } from "./state.js";

export interface Redaction {
  redactor: Redactor;
  secrets: KnownSecret[];
  /** Registered sources that could not be read: their values cannot be hidden this time. */
  unreadable: StacklogError[];
}

/**
 * Builds the redactor for this call from the registered sources and the environment. A state
 * file that cannot be read hides which sources are registered: it is reported as unreadable,
 * like a source, so that nothing is stored as if there were none.
 */
export function loadRedaction(ctx: Ctx): Redaction {
  const secrets: KnownSecret[] = secretsFromEnv(ctx.env);
  const state = loadState(ctx.home);
  if (!state.ok) return { redactor: createRedactor(secrets), secrets, unreadable: [state.error] };
  const unreadable: StacklogError[] = [];
  for (const source of state.state.secretSources) {
    const r = loadSecretSource(source.path, source.kind as never);
    if (r.ok) secrets.push(...r.secrets);
    else unreadable.push(r.error);
  }
  return { redactor: createRedactor(secrets), secrets, unreadable };
}

/**
 * What the registered sources are now: the state file's list and each file's size and time.
 * A recorded shell compares it at each command to see whether to read the sources again.
 */
export function sourcesFingerprint(ctx: Ctx): string {
  const state = loadState(ctx.home);
  if (!state.ok) return `state unreadable\0${state.error.message}`;
  const parts: string[] = [];
  for (const source of state.state.secretSources) {
    try {
      const st = statSync(source.path);
      parts.push(`${source.path}\0${st.size}\0${st.mtimeMs}\0${st.ino}`);
    } catch (err) {
      parts.push(`${source.path}\0${(err as NodeJS.ErrnoException).code ?? "?"}`);
    }
  }
  return parts.join("\n");
}

/**
 * `fresh`, the sources read again (added, rotated or merged since a session began:
 * `kolla-genpwd`, `kolla-mergepwd`), with what the session learned from its lines beyond `base`.
 */
export function withLearned(fresh: Redaction, session: Redaction, base: Redaction): Redaction {
  const had = new Set(base.secrets.map((s) => s.value));
  const learned = session.secrets.filter((s) => !had.has(s.value));
  if (learned.length === 0) return fresh;
  const secrets = [...fresh.secrets, ...learned];
  return { ...fresh, redactor: createRedactor(secrets), secrets };
}

/**
 * The redaction with the values that `line`'s pattern rules hide added as known values (see
 * `Redactor.patternSecrets`): `export OS_PASSWORD=...` hides the value in the line, and from then
 * on in the output that prints it. The same object when the line hides nothing new.
 */
export function learnFrom(redaction: Redaction, line: string): Redaction {
  const found = redaction.redactor.patternSecrets(line);
  if (found.length === 0) return redaction;
  const known = new Set(redaction.secrets.map((s) => s.value));
  const learned = found.filter((s) => !known.has(s.value) && !s.value.startsWith("[REDACTED"));
  if (learned.length === 0) return redaction;
  const secrets = [...redaction.secrets, ...learned];
  return { ...redaction, redactor: createRedactor(secrets), secrets };
}

/** Redacts every string inside a JSON-like value. */
export function redactDeep<T>(value: T, r: Redactor): T {
  if (typeof value === "string") return r.redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, r)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, r);
    return out as T;
  }
  return value;
}

/**
 * Registers the readable files among `files` as secret sources (those a snapshot finds:
 * passwords.yml, clouds.yaml, …); unreadable or already known ones are left. Returns the added.
 */
export function registerSecretSources(ctx: Ctx, files: string[]): string[] {
  const state = readState(ctx.home);
  const known = new Set(state.secretSources.map((s) => s.path));
  const added: string[] = [];
  for (const f of files) {
    if (known.has(f)) continue;
    const r = loadSecretSource(f);
    if (!r.ok) continue;
    state.secretSources.push({ path: f, kind: r.kind, addedAt: ctx.now() });
    added.push(f);
  }
  if (added.length) updateState(ctx.home, { secretSources: state.secretSources });
  return added;
}
