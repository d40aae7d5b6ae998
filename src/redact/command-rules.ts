import { type Rule, skipBlank } from "./rule.js";
import type { Span } from "./types.js";
import { harmlessValue, shellWordEnd } from "./values.js";

const MYSQL_CLIENTS = [
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
];
// Commands that log in to a container registry: `docker login -u USER -p S3cret REGISTRY`.
const REGISTRY_CLIENTS = ["docker", "podman", "nerdctl", "buildah", "skopeo", "helm"];

type Handler = (args: Arg[]) => Span[];

/** What each command takes its password as, by the command's name. */
const HANDLERS = new Map<string, Handler>([
  ...MYSQL_CLIENTS.map((c): [string, Handler] => [c, mysqlPassword]),
  ...REGISTRY_CLIENTS.map((c): [string, Handler] => [c, loginPassword]),
  ["curl", curlPassword],
  ["rabbitmqctl", rabbitPassword],
  ["sshpass", sshpassPassword],
  ["redis-cli", redisPassword],
  ["ipmitool", ipmiPassword],
  ["racadm", racadmPassword],
  ["htpasswd", htpasswdPassword],
]);

const COMMANDS = [...HANDLERS.keys()];
// The last of those commands in a stretch of a line, as a word of its own (a path, a quote or a
// parenthesis may precede it: `bash -c 'mysql ...'`, `$(mysql ...)`).
const COMMAND_WORD = new RegExp(`(?:^|[\\s/'"(])(${COMMANDS.join("|")})(?=[\\s]|$)`, "gi");
const BACK = 160;

/**
 * Passwords that commands take as arguments no secret name marks, as upgrade runbooks type them:
 * `mysql -uroot -pS3cret` and `mysqldump -u root -pS3cret` (the MySQL and MariaDB clients read
 * the password attached to `-p`), `curl -u user:S3cret` (`--user`, `--proxy-user`),
 * `rabbitmqctl add_user USER S3cret` / `change_password` / `authenticate_user`, `ipmitool -U
 * admin -P S3cret` (and `user set password ID S3cret`), `racadm -u root -p S3cret`, `docker login
 * -u USER -p S3cret` (podman, nerdctl, buildah, skopeo, helm), `sshpass -p S3cret`,
 * `redis-cli -a S3cret` and `htpasswd -b FILE USER S3cret`.
 *
 * In output, which can be gigabytes, this rule starts only from anchors that cost the search for
 * all anchors nothing: that search slows to half its speed with anchors like `mysql`, `mariadb`
 * or `-p` (measured on the benchmark's Ansible text), not with `-u`, `add_user` or `pass`
 * (already an anchor). So in output a `mysql -pS3cret` with no `-u` is not found; on command
 * lines, notes and titles (`commandLineRule`) it is, and the value a command's line gives is
 * then known in that command's output (`Redactor.patternSecrets`).
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
    return passwordOf(command, text, end, hi);
  },
};

// Shortest distinct beginnings of the commands' names (`mysql` also starts `mysqldump`).
const NAME_ANCHORS = [
  "mysql",
  "maria",
  "curl",
  "rabbitmqctl",
  "sshpass",
  "redis-cli",
  "ipmitool",
  "racadm",
  "htpasswd",
  ...REGISTRY_CLIENTS,
];

/**
 * The same passwords found from the command's name, for short texts only (command lines, notes,
 * titles): see `commandArgumentRule` for why output is not searched this way.
 */
export const commandLineRule: Rule = {
  id: "command-line",
  anchors: NAME_ANCHORS,
  back: 1,
  fwd: 4096,
  lineLocal: true,
  hits(text, at, lo, hi, complete) {
    if (!complete) return null;
    if (at > lo && !`\t\n\r /'"(\``.includes(text[at - 1] as string)) return [];
    let end = at;
    while (end < hi && !` \t\r\n;&|'"\``.includes(text[end] as string)) end++;
    const command = text.slice(at, end).toLowerCase();
    return HANDLERS.has(command) ? passwordOf(command, text, end, hi) : [];
  },
};

function passwordOf(command: string, text: string, end: number, hi: number): Span[] {
  const handler = HANDLERS.get(command);
  return handler ? handler(commandArgs(text, end, hi)) : [];
}

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

// `rabbitmqctl add_user USER PASSWORD`, also `change_password` and `authenticate_user`.
function rabbitPassword(args: Arg[]): Span[] {
  const positional = args.filter((a) => !a.value.startsWith("-"));
  const verb = positional[0]?.value;
  if (verb !== "add_user" && verb !== "change_password" && verb !== "authenticate_user") return [];
  const pw = positional[2];
  if (!pw) return [];
  const v = inner(pw, 0);
  return harmlessValue(v.value) ? [] : span(v);
}

/** The value given to option `flag` (`-p S3cret`, `-pS3cret`), case-sensitively, or null. */
function optionValue(
  args: Arg[],
  k: number,
  flag: string,
): { start: number; end: number; value: string } | null {
  const a = args[k] as Arg;
  if (a.value === flag) {
    const next = args[k + 1];
    return next ? inner(next, 0) : null;
  }
  if (a.value.startsWith(flag) && !a.value.startsWith("--") && a.value.length > flag.length) {
    return inner(a, flag.length);
  }
  return null;
}

/** The first value of any of `flags` that is not harmless, hidden. */
function firstOption(args: Arg[], flags: string[], upTo = args.length): Span[] {
  for (let k = 0; k < upTo; k++) {
    for (const flag of flags) {
      const v = optionValue(args, k, flag);
      if (v && !harmlessValue(v.value)) return span(v);
    }
  }
  return [];
}

// `docker login -u USER -p S3cret`, `--password S3cret`, `--password=S3cret`.
function loginPassword(args: Arg[]): Span[] {
  if (!args.some((a) => a.value === "login")) return [];
  const long = args.findIndex((a) => a.value.startsWith("--password="));
  if (long >= 0) {
    const v = inner(args[long] as Arg, "--password=".length);
    if (!harmlessValue(v.value)) return span(v);
  }
  return firstOption(args, ["-p", "--password"]);
}

// `sshpass -p S3cret ssh host`: its own options come first; the command it runs has its own
// `-p` (ssh's port), which is not a password.
function sshpassPassword(args: Arg[]): Span[] {
  let k = 0;
  while (k < args.length && (args[k] as Arg).value.startsWith("-")) {
    const v = (args[k] as Arg).value;
    k += ["-p", "-f", "-d", "-P"].includes(v) ? 2 : 1;
  }
  return firstOption(args, ["-p"], Math.min(k, args.length));
}

// `redis-cli -h host -a S3cret ping`, `--pass S3cret`.
function redisPassword(args: Arg[]): Span[] {
  for (let k = 0; k < args.length; k++) {
    const a = (args[k] as Arg).value;
    const next = args[k + 1];
    if ((a === "-a" || a === "--pass") && next) {
      const v = inner(next, 0);
      if (!harmlessValue(v.value)) return span(v);
    }
  }
  return [];
}

// `ipmitool -I lanplus -H bmc -U admin -P S3cret power status` (`-p` is the port), and
// `ipmitool user set password ID S3cret`.
function ipmiPassword(args: Arg[]): Span[] {
  const found = firstOption(args, ["-P"]);
  const words = args.map((a) => a.value);
  const at = words.findIndex((w, i) => w === "user" && words[i + 1] === "set");
  const pw = at >= 0 && words[at + 2] === "password" ? args[at + 4] : undefined;
  if (pw && !harmlessValue(pw.value)) found.push(...span(inner(pw, 0)));
  return found;
}

// `racadm -r idrac -u root -p S3cret getsysinfo`.
function racadmPassword(args: Arg[]): Span[] {
  return firstOption(args, ["-p"]);
}

// `htpasswd -b FILE USER S3cret`, `htpasswd -nb USER S3cret` (`-C` and `-r` take a number).
function htpasswdPassword(args: Arg[]): Span[] {
  let batch = false;
  let noFile = false;
  const positional: Arg[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k] as Arg;
    if (/^-[A-Za-z]+$/.test(a.value)) {
      batch ||= a.value.includes("b");
      noFile ||= a.value.includes("n");
      if (/[Cr]$/.test(a.value)) k++;
    } else positional.push(a);
  }
  const pw = batch ? positional[noFile ? 1 : 2] : undefined;
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
