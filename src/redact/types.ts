import type { StacklogError } from "../errors/index.js";

/** One exact value to hide, and the name shown in its place (`passwords.yml:database_password`). */
export interface KnownSecret {
  value: string;
  label: string;
}

export type SecretSourceKind =
  | "kolla-passwords"
  | "clouds-yaml"
  | "secure-yaml"
  | "env-file"
  /** Any other YAML mapping or list: every value is a secret. */
  | "yaml-file"
  /** Bare values, one a line. */
  | "plain";

/** A file the user registered as holding secrets. */
export interface SecretSource {
  path: string;
  kind: SecretSourceKind;
}

export type LoadResult =
  | { ok: true; kind: SecretSourceKind; secrets: KnownSecret[] }
  | { ok: false; error: StacklogError };

/** Scrubs text; `redact` and `stream` give the same output for the same input. */
export interface Redactor {
  redact(text: string): string;
  /**
   * The values the pattern rules hide in `text`, as known secrets labelled like the rule's
   * replacement: a command line that sets a password (`export OS_PASSWORD=...`) makes its value
   * known, so that the value is hidden where no pattern marks it, in the output that prints it.
   */
  patternSecrets(text: string): KnownSecret[];
  stream(): StreamRedactor;
  /** How many exact strings (values and their encodings) are searched for. */
  readonly knownCount: number;
}

/**
 * Scrubs a stream. The output of all `push` calls followed by `flush` equals `redact` of the
 * whole input, however it was chunked; only a bounded tail is held back between pushes.
 */
export interface StreamRedactor {
  push(chunk: string): string;
  flush(): string;
  /**
   * The output has paused: what can be written out now without waiting for more (held text
   * that ends a line and that nothing found can run on from), or "".
   */
  settle?(): string;
}

/** A stretch of text to replace, in the coordinates of the text it was found in. */
export interface Span {
  start: number;
  end: number;
  label: string;
}
