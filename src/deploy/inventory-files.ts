import { basename, join } from "node:path";
import {
  addIniInventory,
  addYamlInventory,
  type Inventory,
  looksLikeYamlInventory,
} from "./inventory.js";
import { type ReadContext, skip } from "./read-context.js";
import { kindOf, listDir, readText, rel } from "./safe-fs.js";
import { asRecord, readYaml } from "./yaml-read.js";

/** Adds one inventory file, INI or YAML, to `inv`. */
export function readInventoryFile(ctx: ReadContext, abs: string, inv: Inventory): void {
  const text = readText(ctx, abs);
  if (text === null) return;
  if (looksLikeYamlInventory(basename(abs), text)) {
    const data = readYaml(ctx, abs);
    if (data !== null) addYamlInventory(inv, data);
    return;
  }
  const bad = addIniInventory(inv, text);
  if (bad.length > 0)
    skip(ctx, rel(ctx, abs), `inventory lines not understood: ${bad.slice(0, 10).join(", ")}`);
}

/**
 * Adds an inventory folder: its files (sorted), then `group_vars/<group>[.yml|/…]` and
 * `host_vars/<host>[.yml|/…]` as Ansible reads them.
 */
export function readInventoryDir(ctx: ReadContext, dir: string, inv: Inventory): void {
  for (const entry of listDir(ctx, dir)) {
    if (entry.kind === "file" && !/\.(md|rst|txt|retry)$/i.test(entry.name))
      readInventoryFile(ctx, entry.abs, inv);
    else if (entry.kind === "dir" && entry.name === "group_vars")
      readVarsDir(ctx, entry.abs, inv, "group");
    else if (entry.kind === "dir" && entry.name === "host_vars")
      readVarsDir(ctx, entry.abs, inv, "host");
  }
}

function readVarsDir(ctx: ReadContext, dir: string, inv: Inventory, kind: "group" | "host"): void {
  for (const entry of listDir(ctx, dir)) {
    const name = entry.name.replace(/\.ya?ml$/i, "");
    const vars =
      entry.kind === "file" ? asRecord(readYaml(ctx, entry.abs)) : readVarsFolder(ctx, entry.abs);
    if (kind === "host") inv.hostVars.set(name, { ...inv.hostVars.get(name), ...vars });
    else {
      const g = inv.groups.get(name) ?? {
        hosts: new Set<string>(),
        children: new Set<string>(),
        vars: {},
      };
      Object.assign(g.vars, vars);
      inv.groups.set(name, g);
    }
  }
}

function readVarsFolder(ctx: ReadContext, dir: string): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const entry of listDir(ctx, dir)) {
    if (entry.kind === "file") Object.assign(vars, asRecord(readYaml(ctx, entry.abs)));
  }
  return vars;
}

/** Reads a path that may be an inventory file or folder; nothing when it does not exist. */
export function readInventoryPath(ctx: ReadContext, abs: string, inv: Inventory): void {
  const kind = kindOf(ctx, abs);
  if (kind === "file") readInventoryFile(ctx, abs, inv);
  else if (kind === "dir") readInventoryDir(ctx, abs, inv);
}

/** Reads `group_vars/` and `host_vars/` beside a config folder (as OSA keeps them). */
export function readVarsDirs(ctx: ReadContext, base: string, inv: Inventory): void {
  for (const kind of ["group", "host"] as const) {
    const dir = join(base, `${kind}_vars`);
    if (kindOf(ctx, dir) === "dir") readVarsDir(ctx, dir, inv, kind);
  }
}
