import { asRecord } from "./yaml-read.js";

/** An Ansible inventory as declared: groups with their own hosts, child groups and vars. */
export interface Inventory {
  groups: Map<string, { hosts: Set<string>; children: Set<string>; vars: Record<string, unknown> }>;
  hostVars: Map<string, Record<string, unknown>>;
}

export function emptyInventory(): Inventory {
  return { groups: new Map(), hostVars: new Map() };
}

function group(inv: Inventory, name: string) {
  let g = inv.groups.get(name);
  if (!g) {
    g = { hosts: new Set(), children: new Set(), vars: {} };
    inv.groups.set(name, g);
  }
  return g;
}

/** Puts `host` (with its vars) in `groupName`. */
export function addHostToGroup(
  inv: Inventory,
  groupName: string,
  host: string,
  vars: Record<string, unknown>,
) {
  group(inv, groupName).hosts.add(host);
  inv.hostVars.set(host, { ...inv.hostVars.get(host), ...vars });
}

/** True when the text reads as a YAML inventory rather than an INI one. */
export function looksLikeYamlInventory(name: string, text: string): boolean {
  if (/\.ya?ml$/i.test(name)) return true;
  const first = text.split(/\r?\n/).find((l) => l.trim() && !/^\s*[#;]/.test(l));
  return (
    first !== undefined && /^[\w.-]+:\s*$/.test(first.trim()) && /^\s+(hosts|children):/m.test(text)
  );
}

/**
 * Adds an INI inventory to `inv`: `[group]` host lines with `key=value` vars, `[g:children]`,
 * `[g:vars]`, and host ranges such as `node[01:03]`. Returns the 1-based numbers of lines
 * that could not be understood.
 */
export function addIniInventory(inv: Inventory, text: string): number[] {
  const bad: number[] = [];
  let section = "ungrouped";
  let mode: "hosts" | "children" | "vars" = "hosts";
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\s+[#;].*$/, "").trim();
    if (!line || /^[#;]/.test(line)) return;
    const head = /^\[([^\]:]+)(?::(children|vars))?\]$/.exec(line);
    if (head?.[1]) {
      section = head[1];
      mode = (head[2] as "children" | "vars" | undefined) ?? "hosts";
      group(inv, section);
      return;
    }
    if (mode === "children") group(inv, section).children.add(line.split(/\s+/)[0] ?? line);
    else if (mode === "vars") {
      const kv = /^([^=\s]+)\s*=\s*(.*)$/.exec(line);
      if (kv?.[1]) group(inv, section).vars[kv[1]] = unquote(kv[2] ?? "");
      else bad.push(i + 1);
    } else {
      const [pattern = "", ...rest] = splitHostLine(line);
      const vars = parseHostVars(rest);
      for (const host of expandHostPattern(pattern)) addHostToGroup(inv, section, host, vars);
    }
  });
  return bad;
}

function splitHostLine(line: string): string[] {
  return line.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g) ?? [];
}

function parseHostVars(words: string[]): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const w of words) {
    const eq = w.indexOf("=");
    if (eq > 0) vars[w.slice(0, eq)] = unquote(w.slice(eq + 1));
  }
  return vars;
}

function unquote(v: string): string {
  const t = v.trim();
  return /^(["']).*\1$/.test(t) ? t.slice(1, -1) : t;
}

/** Expands Ansible host ranges: `node[01:03]` → node01, node02, node03; `[a:c]` likewise. */
export function expandHostPattern(pattern: string): string[] {
  const m = /^(.*?)\[([0-9a-z]+):([0-9a-z]+)\](.*)$/i.exec(pattern);
  if (!m) return [pattern];
  const [, pre = "", from = "", to = "", post = ""] = m;
  const items: string[] = [];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    for (let n = Number(from); n <= Number(to) && items.length < 10_000; n++) {
      items.push(String(n).padStart(from.length, "0"));
    }
  } else if (from.length === 1 && to.length === 1) {
    for (let c = from.charCodeAt(0); c <= to.charCodeAt(0); c++) items.push(String.fromCharCode(c));
  } else return [pattern];
  return items.flatMap((x) => expandHostPattern(`${pre}${x}${post}`));
}

/** Adds a YAML inventory (`all: {hosts, children, vars}`, nested to any depth) to `inv`. */
export function addYamlInventory(inv: Inventory, data: unknown): void {
  for (const [name, body] of Object.entries(asRecord(data))) addYamlGroup(inv, name, body, 0);
}

function addYamlGroup(inv: Inventory, name: string, body: unknown, depth: number): void {
  const g = group(inv, name);
  if (depth > 64) return;
  const b = asRecord(body);
  for (const [host, vars] of Object.entries(asRecord(b.hosts))) {
    for (const h of expandHostPattern(host)) addHostToGroup(inv, name, h, asRecord(vars));
  }
  Object.assign(g.vars, asRecord(b.vars));
  for (const [child, childBody] of Object.entries(asRecord(b.children))) {
    g.children.add(child);
    addYamlGroup(inv, child, childBody, depth + 1);
  }
}

/** Every group with all the hosts it holds, through child groups (cycles are cut). */
export function hostsByGroup(inv: Inventory): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const name of [...inv.groups.keys()].sort()) {
    const hosts = new Set<string>();
    collect(inv, name, hosts, new Set());
    out[name] = [...hosts].sort();
  }
  return out;
}

function collect(inv: Inventory, name: string, hosts: Set<string>, seen: Set<string>): void {
  if (seen.has(name)) return;
  seen.add(name);
  const g = inv.groups.get(name);
  if (!g) return;
  for (const h of g.hosts) hosts.add(h);
  for (const c of g.children) collect(inv, c, hosts, seen);
}
