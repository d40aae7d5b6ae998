import { fail } from "../../errors/index.js";
import type { WrittenPiece } from "./scribe.js";

export interface Secret {
  value: string;
  label: string;
}

export interface PlannedFile {
  /** POSIX path relative to the output folder. */
  path: string;
  content: string;
}

/**
 * Throws `SecretInOutput` naming where a secret would appear — the event, or the file for
 * text that came from nowhere else — and the secret's label, never its value.
 */
export function assertNoSecrets(
  secrets: readonly Secret[],
  pieces: readonly WrittenPiece[],
  files: readonly PlannedFile[],
): void {
  const wanted = secrets.filter((s) => s.value !== "");
  if (wanted.length === 0) return;
  const haystacks = [
    ...pieces.map((p) => ({ where: p.source, text: p.text })),
    ...files.map((f) => ({ where: f.path, text: f.content })),
  ];
  for (const { where, text } of haystacks) {
    const found = wanted.find((s) => text.includes(s.value));
    if (found) throw fail("SecretInOutput", where, found.label);
  }
}
