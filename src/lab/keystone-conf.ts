/** The SQLite database the lab gives Keystone. */
export const SQLITE_URL = "sqlite:////var/lib/keystone/keystone.db";

/** The `[database] connection` of a keystone.conf, or null when it is unset or commented out. */
export function databaseConnection(conf: string): string | null {
  let inDatabase = false;
  for (const line of conf.split("\n")) {
    const section = /^\s*\[([^\]]+)\]/.exec(line);
    if (section) inDatabase = section[1] === "database";
    else if (inDatabase) {
      const m = /^\s*connection\s*=\s*(.*?)\s*$/.exec(line);
      if (m) return m[1] ?? null;
    }
  }
  return null;
}

/**
 * keystone.conf with `[database] connection = url`: replaces an active or commented-out
 * `connection` line of that section, else adds one under the header, else adds the section.
 * A non-interactive install leaves it commented out (debconf keystone/configure_db is false).
 */
export function setDatabaseConnection(conf: string, url: string): string {
  const lines = conf.split("\n");
  const header = lines.findIndex((l) => /^\s*\[database\]\s*$/.test(l));
  const setting = `connection = ${url}`;
  if (header < 0) return `${conf.replace(/\n*$/, "\n")}\n[database]\n${setting}\n`;
  let end = lines.findIndex((l, i) => i > header && /^\s*\[/.test(l));
  if (end < 0) end = lines.length;
  const active = findIndexIn(lines, header, end, /^\s*connection\s*=/);
  const commented = findIndexIn(lines, header, end, /^\s*#\s*connection\s*=/);
  const at = active >= 0 ? active : commented;
  if (at >= 0) lines[at] = setting;
  else lines.splice(header + 1, 0, setting);
  return lines.join("\n");
}

function findIndexIn(lines: string[], from: number, to: number, re: RegExp): number {
  for (let i = from + 1; i < to; i++) if (re.test(lines[i] ?? "")) return i;
  return -1;
}
