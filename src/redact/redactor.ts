import { type Compiled, Engine } from "./engine.js";
import { type Literal, type LiteralHit, LiteralMatcher } from "./literal-matcher.js";
import { acceptKnown } from "./resolve.js";
import { type CompiledRules, compileRules, RULES } from "./rules.js";
import type { KnownSecret, Redactor } from "./types.js";
import { searchPieces, usableValue } from "./usable-value.js";
import { variantsOf } from "./variants.js";

/**
 * Builds a redactor for exact known values (and their URL-encoded, JSON-escaped and base64
 * forms) plus, unless `patterns` is false, the pattern rules. Known values win over patterns.
 */
export function createRedactor(
  secrets: KnownSecret[],
  opts: { patterns?: boolean } = {},
): Redactor {
  const { literals, labels } = knownLiterals(secrets);
  const compiled: Compiled = {
    literals: new LiteralMatcher(literals),
    labels,
    rules: opts.patterns === false ? null : defaultRules(),
  };
  return {
    knownCount: literals.length,
    redact: (text) => new Engine(compiled).feed(text, true),
    patternSecrets(text) {
      const found: KnownSecret[] = [];
      new Engine(compiled, (value, label) => {
        // a shell expansion (`--os-password "$OS_PASSWORD"`) names a value, it is not one
        if (!value.includes("$") && usableValue(value) !== null) found.push({ value, label });
      }).feed(text, true);
      return found;
    },
    stream() {
      const engine = new Engine(compiled);
      return { push: (chunk) => engine.feed(chunk, false), flush: () => engine.feed("", true) };
    },
  };
}

// The rules never change: compiled once per process (a recorded shell builds a redactor for
// every command's output).
let compiledDefault: CompiledRules | null = null;
function defaultRules(): CompiledRules {
  compiledDefault ??= compileRules(RULES);
  return compiledDefault;
}

/** The strings to search for, each once, with the label of the first secret that gave it. */
export function knownLiterals(secrets: KnownSecret[]): { literals: Literal[]; labels: string[] } {
  const seen = new Set<string>();
  const literals: Literal[] = [];
  const labels: string[] = [];
  for (const secret of secrets) {
    const value = usableValue(secret.value);
    if (value === null) continue;
    for (const piece of searchPieces(value)) {
      for (const text of variantsOf(piece)) {
        if (seen.has(text)) continue;
        seen.add(text);
        literals.push({ text, id: labels.length });
        labels.push(secret.label);
      }
    }
  }
  return { literals, labels };
}

/**
 * For a last check before publishing: where known values (or their encodings) still appear,
 * one entry per stretch of text (the longest form found there).
 */
export function findKnownSecrets(
  text: string,
  secrets: KnownSecret[],
): { label: string; index: number }[] {
  const { literals, labels } = knownLiterals(secrets);
  const hits: LiteralHit[] = [];
  new LiteralMatcher(literals).scan(text, 0, text.length, (h) => hits.push(h));
  return acceptKnown(hits, 0, labels).map((s) => ({ label: s.label, index: s.start }));
}
