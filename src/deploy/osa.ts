import { join } from "node:path";
import { addHostToGroup, emptyInventory, type Inventory } from "./inventory.js";
import { readVarsDirs } from "./inventory-files.js";
import { firstStr, imageTagsOf, str } from "./normalize.js";
import type { ReadContext } from "./read-context.js";
import { kindOf, listDir, rel } from "./safe-fs.js";
import { readSecretFile } from "./secret-files.js";
import type { ToolRead } from "./tool-read.js";
import type { ConfigOverride } from "./types.js";
import { asRecord, readYaml } from "./yaml-read.js";

/** OSA host groups and the services they carry (groups not listed give their own name). */
const GROUP_SERVICES: Record<string, string[]> = {
  "shared-infra": ["galera", "rabbitmq", "memcached"],
  "os-infra": ["glance", "nova", "heat", "horizon"],
  identity: ["keystone"],
  compute: ["nova"],
  "compute-infra": ["nova"],
  "placement-infra": ["placement"],
  "network-infra": ["neutron"],
  network: ["neutron"],
  "storage-infra": ["cinder"],
  storage: ["cinder"],
  image: ["glance"],
  dashboard: ["horizon"],
  orchestration: ["heat"],
  "load-balancer": ["haproxy"],
  haproxy: ["haproxy"],
  "repo-infra": ["repo"],
  "octavia-infra": ["octavia"],
  "metering-infra": ["ceilometer"],
  "ironic-infra": ["ironic"],
};

/**
 * Reads an OpenStack-Ansible config folder (`/etc/openstack_deploy`): host groups from
 * `openstack_user_config.yml` and `conf.d/*.yml`, `global_overrides` (VIPs, provider
 * networks), `user_variables*.yml`, `user_secrets.yml` (keys only) and `env.d/*.yml`.
 */
export function readOsa(ctx: ReadContext, base: string): ToolRead {
  const inventory = emptyInventory();
  const vars: Record<string, unknown> = {};
  const interfaces: Record<string, string> = {};
  const configs = [
    join(base, "openstack_user_config.yml"),
    ...yamlFiles(ctx, join(base, "conf.d")),
  ];
  for (const file of configs)
    readUserConfig(asRecord(readYaml(ctx, file)), inventory, vars, interfaces);
  for (const e of listDir(ctx, base)) {
    if (e.kind !== "file" || !/^user_.*\.ya?ml$/.test(e.name)) continue;
    if (/secret/.test(e.name)) readSecretFile(ctx, e.abs);
    else Object.assign(vars, asRecord(readYaml(ctx, e.abs)));
  }
  readVarsDirs(ctx, base, inventory);
  for (const file of yamlFiles(ctx, join(base, "env.d"))) {
    const data = readYaml(ctx, file);
    if (data !== null) vars[rel(ctx, file)] = data;
  }
  return {
    release: firstStr(vars, "openstack_release"),
    baseDistro: null,
    enabledServices: servicesOf(inventory),
    imageRegistry: null,
    imageTags: imageTagsOf(vars),
    inventory,
    overrides: overridesOf(vars),
    variables: vars,
    interfaces,
  };
}

function yamlFiles(ctx: ReadContext, dir: string): string[] {
  if (kindOf(ctx, dir) !== "dir") return [];
  return listDir(ctx, dir)
    .filter((e) => e.kind === "file" && /\.ya?ml$/.test(e.name))
    .map((e) => e.abs);
}

function readUserConfig(
  data: Record<string, unknown>,
  inv: Inventory,
  vars: Record<string, unknown>,
  interfaces: Record<string, string>,
): void {
  for (const [key, value] of Object.entries(data)) {
    if (key.endsWith("_hosts")) {
      const group = key.slice(0, -"_hosts".length);
      for (const [host, hv] of Object.entries(asRecord(value)))
        addHostToGroup(inv, group, host, asRecord(hv));
    } else if (key === "global_overrides") {
      const overrides = asRecord(value);
      Object.assign(vars, overrides);
      providerInterfaces(overrides.provider_networks, interfaces);
    } else vars[key] = value;
  }
}

function providerInterfaces(networks: unknown, out: Record<string, string>): void {
  if (!Array.isArray(networks)) return;
  for (const item of networks) {
    const n = asRecord(asRecord(item).network);
    const name = str(n.net_name) ?? str(n.ip_from_q) ?? str(n.container_bridge);
    const iface =
      str(n.host_bind_override) ?? str(n.container_interface) ?? str(n.container_bridge);
    if (name && iface) out[`provider:${name}`] = iface;
  }
}

function servicesOf(inv: Inventory): string[] {
  const out = new Set<string>();
  for (const [name, g] of inv.groups) {
    if (g.hosts.size === 0 && g.children.size === 0) continue;
    for (const s of GROUP_SERVICES[name] ?? [name.replace(/-infra$/, "")]) out.add(s);
  }
  return [...out].sort();
}

/** `<service>_<file>_overrides` variables holding INI-like maps (section → key → value). */
function overridesOf(vars: Record<string, unknown>): ConfigOverride[] {
  const out: ConfigOverride[] = [];
  for (const [key, value] of Object.entries(vars)) {
    const m = /^([a-z0-9]+)_(\w+)_overrides$/.exec(key);
    if (!m?.[1] || !m[2] || !/_(conf|ini)$/.test(m[2])) continue;
    const sections: Record<string, Record<string, string[]>> = {};
    for (const [section, body] of Object.entries(asRecord(value))) {
      const keys: Record<string, string[]> = {};
      for (const [k, v] of Object.entries(asRecord(body))) {
        keys[k] = (Array.isArray(v) ? v : [v]).map((x) => str(x) ?? JSON.stringify(x));
      }
      sections[section] = keys;
    }
    out.push({ service: m[1], host: null, file: `user_variables#${key}`, sections });
  }
  return out;
}
