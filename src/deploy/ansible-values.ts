/** Ansible's `| bool`: yes/no, true/false, on/off, 1/0 (any case); null when it is none of them. */
export function ansibleBool(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v !== "string") return null;
  const t = v.trim().toLowerCase();
  if (["yes", "true", "on", "1", "y"].includes(t)) return true;
  if (["no", "false", "off", "0", "n", ""].includes(t)) return false;
  return null;
}

type Lookup = (name: string) => unknown;

/**
 * Evaluates the small Jinja expressions that kolla uses for service switches:
 * `{{ enable_x | bool }}`, `or`, `and`, `not`, and `name == 'literal'` / `!=`. Anything else
 * (filters, conditionals) gives null: not knowable without Ansible.
 */
export function evalSwitch(value: unknown, lookup: Lookup, depth = 0): boolean | null {
  if (depth > 32) return null;
  const expr = /^\s*\{\{(.*)\}\}\s*$/s.exec(typeof value === "string" ? value : "")?.[1];
  if (expr === undefined) return ansibleBool(value);
  return evalOr(expr.trim(), lookup, depth);
}

function evalOr(expr: string, lookup: Lookup, depth: number): boolean | null {
  const parts = expr.split(/\s+or\s+/).map((p) => evalAnd(p, lookup, depth));
  if (parts.includes(true)) return true;
  return parts.includes(null) ? null : false;
}

function evalAnd(expr: string, lookup: Lookup, depth: number): boolean | null {
  const parts = expr.split(/\s+and\s+/).map((p) => evalTerm(p.trim(), lookup, depth));
  if (parts.includes(false)) return false;
  return parts.includes(null) ? null : true;
}

function evalTerm(term: string, lookup: Lookup, depth: number): boolean | null {
  const t = term.replace(/^\((.*)\)$/, "$1").trim();
  if (t.startsWith("not ")) {
    const inner = evalTerm(t.slice(4), lookup, depth);
    return inner === null ? null : !inner;
  }
  const cmp = /^([a-z_][\w]*)\s*(==|!=)\s*['"]([^'"]*)['"]$/i.exec(t);
  if (cmp?.[1]) {
    const v = lookup(cmp[1]);
    if (typeof v !== "string") return null;
    return (v === cmp[3]) === (cmp[2] === "==");
  }
  const name = /^([a-z_][\w]*)(\s*\|\s*bool)?$/i.exec(t)?.[1];
  if (!name) return null;
  return evalSwitch(lookup(name), lookup, depth + 1);
}
