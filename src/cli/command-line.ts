/** Quotes argv the way a shell would need it, for the recorded command line. */
export function shellLine(argv: readonly string[]): string {
  return argv.map(quoteArg).join(" ");
}

function quoteArg(a: string): string {
  if (/^[\w@%+=:,./-]+$/.test(a)) return a;
  if (!a.includes("'")) return `'${a}'`;
  return `"${a.replace(/["\\$`]/g, (c) => `\\${c}`)}"`;
}

/** The argument `quoteArg` quoted, back (text it did not quote comes back as it is). */
function unquote(q: string): string {
  if (q.length >= 2 && q.startsWith("'") && q.endsWith("'")) return q.slice(1, -1);
  if (q.length >= 2 && q.startsWith('"') && q.endsWith('"'))
    return q.slice(1, -1).replace(/\\(["\\$`])/g, "$1");
  return q;
}

/**
 * Redacts a command's arguments as its line is redacted. An argument alone is not enough: in
 * `openstack --os-password S3cret` the value is an argument of its own, which the rules only
 * recognise after its flag. Each argument is therefore redacted also as the line shows it after
 * the one before (quoted as in the line); what the rules hide there is hidden in the argument.
 * Where a rule's match runs across the two, the whole argument is hidden.
 */
export function redactArgv(argv: readonly string[], redact: (text: string) => string): string[] {
  const alone = argv.map(redact);
  return argv.map((arg, i) => {
    if (i === 0) return alone[0] as string;
    const quoted = quoteArg(arg);
    const head = `${alone[i - 1]} `;
    const pair = redact(`${argv[i - 1]} ${quoted}`);
    if (pair === head + quoted) return alone[i] as string;
    return pair.startsWith(head) ? unquote(pair.slice(head.length)) : "[REDACTED]";
  });
}
