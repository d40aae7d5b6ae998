import { join } from "node:path";
import { readConfigOverrides } from "./config-overrides.js";
import { emptyInventory } from "./inventory.js";
import { readInventoryPath } from "./inventory-files.js";
import { customConfigDir, kollaTags, noteUnknownSwitches, readGlobals } from "./kolla.js";
import { enabledServices } from "./kolla-services.js";
import { allHosts, firstStr } from "./normalize.js";
import { type ReadContext, skip } from "./read-context.js";
import { kindOf, listDir, rel } from "./safe-fs.js";
import { readSecretFile } from "./secret-files.js";
import type { ToolRead } from "./tool-read.js";
import { asRecord, readYaml } from "./yaml-read.js";

const SECRET_FILE = /^(secrets|passwords|vault)\.ya?ml$/;

/**
 * Reads a Kayobe config folder (`etc/kayobe`): every top-level `*.yml` (globals, kolla,
 * networks, …) merged in name order, the `inventory/` folder, then the `kolla/` subtree —
 * its `globals.yml` additions win over Kayobe's variables, its `config/` holds the overrides
 * and its `passwords.yml` the kolla secrets.
 */
export function readKayobe(ctx: ReadContext, base: string): ToolRead {
  const vars: Record<string, unknown> = {};
  for (const e of listDir(ctx, base)) {
    if (e.kind !== "file" || !/\.ya?ml$/.test(e.name)) continue;
    if (SECRET_FILE.test(e.name)) readSecretFile(ctx, e.abs);
    else Object.assign(vars, asRecord(readYaml(ctx, e.abs)));
  }
  noteEnvironments(ctx, base);
  const inventory = emptyInventory();
  readInventoryPath(ctx, join(base, "inventory"), inventory);
  const kollaDir = join(base, "kolla");
  Object.assign(vars, readGlobals(ctx, kollaDir));
  readSecretFile(ctx, join(kollaDir, "passwords.yml"));
  const configDir = customConfigDir(ctx, kollaDir, {});
  const overrides =
    kindOf(ctx, configDir) === "dir"
      ? readConfigOverrides(ctx, configDir, allHosts(inventory))
      : [];
  const services = enabledServices(vars, "kolla_");
  noteUnknownSwitches(ctx, rel(ctx, join(base, "kolla.yml")), services.unknown);
  const release = firstStr(vars, "kolla_openstack_release", "openstack_release");
  return {
    release,
    baseDistro: firstStr(vars, "kolla_base_distro", "os_distribution"),
    enabledServices: services.enabled,
    imageRegistry: firstStr(vars, "kolla_docker_registry", "docker_registry"),
    imageTags: kollaTags(vars, firstStr(vars, "kolla_openstack_release") ?? release),
    inventory,
    overrides,
    variables: vars,
  };
}

// Environments (etc/kayobe/environments/<name>) layer over the base; which one is active is
// chosen at run time (KAYOBE_ENVIRONMENT), so they are named, not merged.
function noteEnvironments(ctx: ReadContext, base: string): void {
  const envs = join(base, "environments");
  if (kindOf(ctx, envs) !== "dir") return;
  for (const e of listDir(ctx, envs)) {
    if (e.kind === "dir")
      skip(ctx, rel(ctx, e.abs), "Kayobe environment not merged; snapshot it on its own");
  }
}
