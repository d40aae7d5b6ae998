import { statSync } from "node:fs";
import { join } from "node:path";
import type { DeployTool } from "./types.js";

function exists(p: string, kind: "file" | "dir" = "file"): boolean {
  try {
    const st = statSync(p);
    return kind === "file" ? st.isFile() : st.isDirectory();
  } catch {
    return false;
  }
}

/** Where a tool's files live under `dir`, for the layouts each tool documents. */
export function layoutOf(dir: string, tool: DeployTool): string {
  const nested: Record<DeployTool, string> = {
    "kolla-ansible": "etc/kolla",
    kayobe: "etc/kayobe",
    "openstack-ansible": "etc/openstack_deploy",
  };
  const inner = join(dir, nested[tool]);
  return exists(inner, "dir") ? inner : dir;
}

function isOsa(d: string): boolean {
  return (
    exists(join(d, "openstack_user_config.yml")) ||
    (exists(join(d, "conf.d"), "dir") && exists(join(d, "user_variables.yml")))
  );
}

function isKayobe(d: string): boolean {
  return (
    exists(join(d, "kolla.yml")) ||
    exists(join(d, "networks.yml")) ||
    (exists(join(d, "kolla"), "dir") && exists(join(d, "inventory"), "dir"))
  );
}

function isKolla(d: string): boolean {
  return exists(join(d, "globals.yml")) || exists(join(d, "passwords.yml"));
}

/**
 * Which tool wrote the configuration in `dir` (the config folder itself, or a checkout holding
 * `etc/kolla`, `etc/kayobe` or `etc/openstack_deploy`), or null when none is recognised.
 * Kayobe is tested before kolla-ansible because a Kayobe tree also holds kolla files.
 */
export function detectTool(dir: string): DeployTool | null {
  if (isOsa(layoutOf(dir, "openstack-ansible"))) return "openstack-ansible";
  if (isKayobe(layoutOf(dir, "kayobe"))) return "kayobe";
  if (isKolla(layoutOf(dir, "kolla-ansible"))) return "kolla-ansible";
  return null;
}
