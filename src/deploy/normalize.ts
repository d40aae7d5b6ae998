import { hostsByGroup, type Inventory } from "./inventory.js";

/** String form of a scalar variable, or null for anything else. */
export function str(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return null;
}

/** The first of `names` set in `vars`, as a string. */
export function firstStr(vars: Record<string, unknown>, ...names: string[]): string | null {
  for (const n of names) {
    const v = str(vars[n]);
    if (v !== null && v !== "") return v;
  }
  return null;
}

/** Variables named `*<suffix>` with a scalar value, keyed by `prefix + name`. */
function bySuffix(
  vars: Record<string, unknown>,
  suffix: RegExp,
  prefix = "",
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) {
    const s = str(v);
    if (suffix.test(k) && s !== null) out[`${prefix}${k}`] = s;
  }
  return out;
}

/**
 * Interfaces (`*_interface`) and VIPs (`*_vip_address`) from variables, then from group and
 * host variables of the inventory, keyed `<group>:<var>` and `<host>:<var>`.
 */
export function networkOf(vars: Record<string, unknown>, inv: Inventory) {
  const interfaces = bySuffix(vars, /_interface$/);
  const vips = bySuffix(vars, /_vip_address$/);
  for (const [name, g] of inv.groups) {
    Object.assign(interfaces, bySuffix(g.vars, /_interface$/, `${name}:`));
    Object.assign(vips, bySuffix(g.vars, /_vip_address$/, `${name}:`));
  }
  for (const [host, hv] of inv.hostVars)
    Object.assign(interfaces, bySuffix(hv, /_interface$/, `${host}:`));
  return { interfaces: sortKeys(interfaces), vips: sortKeys(vips) };
}

/** Image tags: every `<name>_tag` variable, keyed by `<name>`. */
export function imageTagsOf(vars: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(bySuffix(vars, /^[a-z0-9_]+_tag$/)))
    out[k.replace(/_tag$/, "")] = v;
  return sortKeys(out);
}

/** Host and group variables of the inventory, for the snapshot's `variables`. */
export function inventoryVars(inv: Inventory): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const groups = Object.fromEntries(
    [...inv.groups].filter(([, g]) => Object.keys(g.vars).length).map(([n, g]) => [n, g.vars]),
  );
  const hosts = Object.fromEntries([...inv.hostVars].filter(([, v]) => Object.keys(v).length));
  if (Object.keys(groups).length) out.group_vars = groups;
  if (Object.keys(hosts).length) out.host_vars = hosts;
  return out;
}

export function groupsOf(inv: Inventory): Record<string, string[]> {
  return hostsByGroup(inv);
}

export function allHosts(inv: Inventory): Set<string> {
  return new Set([
    ...inv.hostVars.keys(),
    ...[...inv.groups.values()].flatMap((g) => [...g.hosts]),
  ]);
}

export function sortKeys<T>(r: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
