import { parse } from "yaml";
import { readPlainNote } from "./note-fast.js";

/** A note file's sections, or why it could not be read. */
export type ParsedNote =
  | { ok: true; sections: Record<string, string[]>; warnings: string[] }
  | { ok: false; reason: string };

/**
 * Reads a note as reno does (YAML 1.1, as PyYAML): a mapping of section to a string or a list
 * of strings; the prelude is one string. Anything else is reported rather than thrown.
 */
export function parseNote(file: string, text: string): ParsedNote {
  let doc: unknown = readPlainNote(text);
  if (doc === undefined) {
    try {
      doc = parse(text, { version: "1.1", uniqueKeys: false, prettyErrors: false });
    } catch (err) {
      return {
        ok: false,
        reason: `${file}: not valid YAML (${(err as Error).message.split("\n")[0]})`,
      };
    }
  }
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    return {
      ok: false,
      reason: `${file}: a release note must be a YAML mapping of section names to text`,
    };
  }
  const sections: Record<string, string[]> = {};
  const warnings: string[] = [];
  for (const [name, value] of Object.entries(doc as Record<string, unknown>)) {
    const items = typeof value === "string" ? [value] : Array.isArray(value) ? value : null;
    if (!items) {
      warnings.push(`${file}: section ${name} is not a string or a list of strings; left out`);
      continue;
    }
    const texts = items.filter((x): x is string => typeof x === "string");
    if (texts.length !== items.length)
      warnings.push(`${file}: section ${name} has entries that are not strings; they are left out`);
    sections[name] = texts;
  }
  return { ok: true, sections, warnings };
}
