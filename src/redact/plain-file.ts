import type { KnownSecret } from "./types.js";
import { pushSecret, usableValue } from "./usable-value.js";
import { fileLabel } from "./yaml-file.js";

// `name: value` as YAML writes it (the colon right after the name, a blank after it), in a list
// item or with the name quoted too.
const COLON_LINE = /^(?:-\s+)?(["']?)[\w.-]+\1:(?:\s+(.*))?$/;
// `name = value`, `NAME=value`, `export NAME=value`; `abc==` is base64, not a name.
const EQUALS_LINE = /^(?:export\s+)?[A-Za-z_][\w.-]*\s*=(?!=)\s*(.*)$/;
// What a YAML key with its value on the next lines shows: nothing, or a block header.
const NO_VALUE = /^(?:[|>][-+0-9]*)?$/;

/**
 * A file of bare values, one a line. A line that reads as `name: value` or `name = value`
 * (a YAML or INI file that does not parse as a whole) gives its value, not the line, which would
 * never occur as such; the line itself only when its value is too short to be hidden by value
 * (`ab=cdefgh` may be one password). A line that only names a key (`mariadb:`) gives nothing.
 */
export function plainSecrets(path: string, text: string): KnownSecret[] {
  const out: KnownSecret[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const value = lineValue(line.trim());
    if (value !== null) pushSecret(out, value, `${fileLabel(path)}:${i + 1}`);
  });
  return out;
}

function lineValue(line: string): string | null {
  // comments and INI section headers hold no value
  if (line === "" || line.startsWith("#") || line.startsWith(";") || /^\[[^\]]*\]$/.test(line))
    return null;
  const colon = COLON_LINE.exec(line);
  if (colon) {
    const value = unquote(colon[2] ?? "");
    if (NO_VALUE.test(value)) return null;
    return usableValue(value) === null ? line : value;
  }
  const equals = EQUALS_LINE.exec(line);
  if (equals) {
    const value = unquote(equals[1] ?? "");
    return usableValue(value) === null ? line : value;
  }
  return line;
}

function unquote(raw: string): string {
  const v = raw.trim();
  const q = v[0];
  if ((q === '"' || q === "'") && v.length >= 2 && v.endsWith(q)) return v.slice(1, -1);
  // an unquoted value ends where a comment starts (`key: value  # the prod one`)
  return v.replace(/\s+#.*$/, "");
}
