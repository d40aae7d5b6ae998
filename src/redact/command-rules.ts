import { type Rule, skipBlank } from "./rule.js";
import type { Span } from "./types.js";
import { harmlessValue, shellWordEnd } from "./values.js";

const MYSQL_CLIENTS = new Set([
  "mysql",
  "mysqldump",
  "mysqladmin",
  "mysqlcheck",
  "mysqlimport",
  "mysqlshow",
  "mariadb",
  "mariadb-dump",
  "mariadb-admin",
  "mariadb-check",
  "mariadb-backup",
  "mariabackup",
]);

const COMMANDS = [...MYSQL_CLIENTS, "curl", "rabbitmqctl"];
// The last of those commands in a stretch of a line, as a word of its own (a path, a quote or a
// parenthesis may precede it: `bash -c 'mysql ...'`, `$(mysql ...)`).
const COMMAND_WORD = new RegExp(`(?:^|[\\s/'"(])(${COMMANDS.join("|")})(?=[\\s]|$)`, "gi");
const BACK = 160;

/**
 * Passwords that commands take as arguments no secret name marks, as upgrade runbooks type them:
 * `mysql -uroot -pS3cret` and `mysqldump -u root -pS3cret` (the MySQL and MariaDB clients read
 * the password attached to `-p`), `curl -u user:S3cret` (`--user`, `--proxy-user`), and
 * `rabbitmqctl add_user USER S3cret` / `change_password USER S3cret`.
 *
 * The anchors are what such lines hold that costs the search for all anchors nothing: that
 * search slows to half its speed with anchors like `mysql`, `mariadb` or `-p` (measured on the
 * benchmark's Ansible text), not with `-u`, `add_user` or `pass` (already an anchor). So a
 * `mysql -pS3cret` with no `-u` in the command is not found.
 */
export const commandArgumentRule: Rule = {
  id: "command-argument",
  anchors: ["-u", "add_user", "pass"],
  back: BACK,
  fwd: 4096,
  lineLocal: true,
  hits(text, at, lo, hi, complete) {
    if (!complete) return null;
    // the command the anchor belongs to: the last one named before it, since the last `;`, `|`
    // or `&` (`docker exec mariadb mysql -u root -pS3cret`)
    const from = Math.max(lo, at - BACK);
    let segment = from;
    for (let i = at - 1; i >= from; i--) {
      const c = text[i];
      if (c === ";" || c === "|" || c === "&") {
        segment = i + 1;
        break;
      }
    }
    COMMAND_WORD.lastIndex = 0;
    const window = text.slice(segment, Math.min(hi, at + 8));
    let command: string | null = null;
    let end = 0;
    for (let m = COMMAND_WORD.exec(window); m !== null; m = COMMAND_WORD.exec(window)) {
      const start = m.index + m[0].length - (m[1] as string).length;
      if (segment + start > at) break;
      command = (m[1] as string).toLowerCase();
      end = segment + start + (m[1] as string).length;
    }
    if (command === null) return [];
    const args = commandArgs(text, end, hi);
    if (MYSQL_CLIENTS.has(command)) return mysqlPassword(args);
    if (command === "curl") return curlPassword(args);
    return rabbitPassword(args);
  },
};

interface Arg {
  start: number;
  end: number;
  /** The argument as typed. */
  raw: string;
  /** The argument with the quotes around its value (if any) taken off. */
  value: string;
}

/** The arguments of one command, up to the end of the line or a `;`, `|` or `&`. */
function commandArgs(text: string, from: number, hi: number): Arg[] {
  const args: Arg[] = [];
  let i = skipBlank(text, from, hi);
  while (i < hi) {
    const c = text[i] as string;
    if (";|&\r\n".includes(c)) break;
    const start = i;
    i = shellWordEnd(text, i, hi);
    if (i === start) break; // a quote or bracket that ends the text around the command
    const raw = text.slice(start, i);
    const bare = raw.replace(/^(-[A-Za-z-]*=?)?(['"])(.*)\2$/, "$1$3");
    args.push({ start, end: i, raw, value: bare });
    i = skipBlank(text, i, hi);
  }
  return args;
}

function span(text: { start: number; end: number }, label = "password"): Span[] {
  return [{ start: text.start, end: text.end, label }];
}

// `-pS3cret`, `-p'S3 cret'`; a bare `-p` asks for the password, and `-P3306` is the port.
function mysqlPassword(args: Arg[]): Span[] {
  for (const a of args) {
    if (!a.value.startsWith("-p") || a.value.length <= 2 || a.value.startsWith("--")) continue;
    const v = inner(a, 2);
    if (!harmlessValue(v.value)) return span(v);
  }
  return [];
}

// `-u user:S3cret`, `-uuser:S3cret`, `--user user:S3cret`, `--user=user:S3cret`.
function curlPassword(args: Arg[]): Span[] {
  for (let k = 0; k < args.length; k++) {
    const a = args[k] as Arg;
    let cred: { start: number; end: number; value: string } | null = null;
    if (a.value === "-u" || a.value === "--user" || a.value === "--proxy-user") {
      const next = args[k + 1];
      if (next) cred = inner(next, 0);
    } else if (a.value.startsWith("--user=") || a.value.startsWith("--proxy-user=")) {
      cred = inner(a, a.value.indexOf("=") + 1);
    } else if (a.value.startsWith("-u") && !a.value.startsWith("--") && a.value.length > 2) {
      cred = inner(a, 2);
    }
    if (!cred) continue;
    const colon = cred.value.indexOf(":");
    if (colon < 0) continue;
    const secret = {
      start: cred.start + colon + 1,
      end: cred.end,
      value: cred.value.slice(colon + 1),
    };
    if (!harmlessValue(secret.value)) return span(secret);
  }
  return [];
}

// `rabbitmqctl add_user USER PASSWORD`, `rabbitmqctl change_password USER PASSWORD`.
function rabbitPassword(args: Arg[]): Span[] {
  const positional = args.filter((a) => !a.value.startsWith("-"));
  const verb = positional[0]?.value;
  if (verb !== "add_user" && verb !== "change_password") return [];
  const pw = positional[2];
  if (!pw) return [];
  const v = inner(pw, 0);
  return harmlessValue(v.value) ? [] : span(v);
}

/**
 * The part of `arg` after its first `offset` characters (`-p`, `--user=`), with the positions of
 * that part in the text: inside the quotes when it is quoted (`-p'S3 cret'`).
 */
function inner(arg: Arg, offset: number): { start: number; end: number; value: string } {
  const q = arg.raw[offset];
  const quoted = (q === "'" || q === '"') && arg.raw.endsWith(q) && arg.raw.length > offset + 1;
  return {
    start: arg.start + offset + (quoted ? 1 : 0),
    end: arg.end - (quoted ? 1 : 0),
    value: arg.value.slice(offset),
  };
}
