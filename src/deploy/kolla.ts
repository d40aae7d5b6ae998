import { basename, join } from "node:path";
import { readConfigOverrides } from "./config-overrides.js";
import { emptyInventory } from "./inventory.js";
import { readInventoryPath } from "./inventory-files.js";
import { enabledServices } from "./kolla-services.js";
import { allHosts, firstStr, imageTagsOf, sortKeys } from "./normalize.js";
import { type ReadContext, skip } from "./read-context.js";
import { kindOf, listDir, rel } from "./safe-fs.js";
import { readSecretFile } from "./secret-files.js";
import type { ToolRead } from "./tool-read.js";
import { asRecord, readYaml } from "./yaml-read.js";

const INVENTORY_NAMES = ["multinode", "all-in-one", "inventory", "hosts", "ansible/inventory"];

/** Variables of `globals.yml` then of `globals.d/*.yml`, later files winning. */
export function readGlobals(ctx: ReadContext, base: string): Record<string, unknown> {
  const vars = { ...asRecord(readYaml(ctx, join(base, "globals.yml"))) };
  const extra = join(base, "globals.d");
  if (kindOf(ctx, extra) === "dir") {
    for (const e of listDir(ctx, extra)) {
      if (e.kind === "file" && /\.ya?ml$/.test(e.name))
        Object.assign(vars, asRecord(readYaml(ctx, e.abs)));
    }
  }
  return vars;
}

/** The folder of per-service overrides: `node_custom_config`'s last part if present, else `config`. */
export function customConfigDir(
  ctx: ReadContext,
  base: string,
  vars: Record<string, unknown>,
): string {
  const named = firstStr(vars, "node_custom_config");
  const candidate = named && !named.includes("{{") ? join(base, basename(named)) : null;
  return candidate && kindOf(ctx, candidate) === "dir" ? candidate : join(base, "config");
}

/** Notes the `enable_*` switches whose value needs Ansible to evaluate. */
export function noteUnknownSwitches(ctx: ReadContext, file: string, unknown: string[]): void {
  for (const s of unknown)
    skip(
      ctx,
      file,
      `enable_${s}: value not evaluated (needs Ansible); left out of enabledServices`,
    );
}

/** Reads a kolla-ansible config folder (`/etc/kolla` layout). */
export function readKolla(ctx: ReadContext, base: string): ToolRead {
  const vars = readGlobals(ctx, base);
  readSecretFile(ctx, join(base, "passwords.yml"));
  const inventory = emptyInventory();
  for (const name of INVENTORY_NAMES) readInventoryPath(ctx, join(base, name), inventory);
  const configDir = customConfigDir(ctx, base, vars);
  const overrides =
    kindOf(ctx, configDir) === "dir"
      ? readConfigOverrides(ctx, configDir, allHosts(inventory))
      : [];
  const services = enabledServices(vars);
  noteUnknownSwitches(ctx, rel(ctx, join(base, "globals.yml")), services.unknown);
  return {
    release: firstStr(vars, "openstack_release"),
    baseDistro: firstStr(vars, "kolla_base_distro"),
    enabledServices: services.enabled,
    imageRegistry: firstStr(vars, "docker_registry"),
    imageTags: kollaTags(vars, firstStr(vars, "openstack_release")),
    inventory,
    overrides,
    variables: vars,
  };
}

/** `<service>_tag` variables, with `openstack` defaulting to the release as kolla does. */
export function kollaTags(
  vars: Record<string, unknown>,
  release: string | null,
): Record<string, string> {
  const tags = imageTagsOf(vars);
  if (!tags.openstack && release) tags.openstack = release;
  return sortKeys(tags);
}
