import { hideAcrossColours } from "./colour-joins.js";
import { commandLineRule } from "./command-rules.js";
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
  // Command lines, notes and titles are also searched from the names of commands that take a
  // password as an argument (`commandLineRule`): anchors too slow for output.
  const short: Compiled = {
    ...compiled,
    rules: opts.patterns === false ? null : shortTextRules(),
  };
  const collect = (found: KnownSecret[]) => (value: string, label: string) => {
    // a shell expansion (`--os-password "$OS_PASSWORD"`) names a value, it is not one
    if (!value.includes("$") && usableValue(value) !== null) found.push({ value, label });
  };
  return {
    knownCount: literals.length,
    redact(text) {
      return redactOnce(hideAcrossColours(text, spansOf));
    },
    patternSecrets(text) {
      const found: KnownSecret[] = [];
      new Engine(text.length <= SHORT_TEXT ? short : compiled, collect(found)).feed(text, true);
      return found;
    },
    stream() {
      const engine = new Engine(compiled);
      // An unfinished line waits for its end, so that a value colour codes cut is seen whole
      // (see `hideAcrossColours`); a line longer than CARRY_MAX goes on as it is.
      let carry = "";
      return {
        push(chunk) {
          let text = carry === "" ? chunk : carry + chunk;
          carry = "";
          const nl = text.lastIndexOf("\n");
          if (text.length - nl - 1 < CARRY_MAX) {
            carry = text.slice(nl + 1);
            text = text.slice(0, nl + 1);
          }
          return engine.feed(hideAcrossColours(text, spansOf), false);
        },
        flush() {
          const text = carry;
          carry = "";
          return engine.feed(hideAcrossColours(text, spansOf), true);
        },
        settle() {
          return carry === "" ? engine.settle() : "";
        },
      };
    },
  };

  function spansOf(line: string) {
    return new Engine(line.length <= SHORT_TEXT ? short : compiled).hiddenIn(line);
  }

  function redactOnce(text: string): string {
    if (text.length > SHORT_TEXT) return new Engine(compiled).feed(text, true);
    const found: KnownSecret[] = [];
    const out = new Engine(short, collect(found)).feed(text, true);
    // A command continued over lines (`ipmitool -U admin \⏎ -P S3cret`) is searched as the
    // shell reads it, one line; what is found there is then hidden in the text as written.
    if (text.includes("\\\n"))
      new Engine(short, collect(found)).feed(text.replace(/\\\n/g, "  "), true);
    // A value a pattern hid is hidden wherever else the text shows it, where no pattern marks
    // it (`export OS_PASSWORD=S3cret; echo S3cret`, `mysql -pS3cret -e "... 'S3cret'"`).
    const again = found.filter((f) => out.includes(f.value));
    if (again.length === 0) return out;
    const more = knownLiterals([...secrets, ...again]);
    const withFound = {
      ...short,
      literals: new LiteralMatcher(more.literals),
      labels: more.labels,
    };
    return new Engine(withFound).feed(text, true);
  }
}

// Longest unfinished line a stream holds back (see `stream`).
const CARRY_MAX = 8192;

// The rules never change: compiled once per process (a recorded shell builds a redactor for
// every command's output).
let compiledDefault: CompiledRules | null = null;
function defaultRules(): CompiledRules {
  compiledDefault ??= compileRules(RULES);
  return compiledDefault;
}

/**
 * Texts up to this many UTF-16 units redacted in one piece get the short-text rules too: any
 * command line, note or title; not a command's output, which is redacted as a stream.
 */
export const SHORT_TEXT = 64 * 1024;

let compiledShort: CompiledRules | null = null;
function shortTextRules(): CompiledRules {
  compiledShort ??= compileRules([...RULES, commandLineRule]);
  return compiledShort;
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
