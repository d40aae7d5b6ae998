import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseDocument } from "yaml";
import { fail } from "../errors/index.js";

/** Where the files were looked for, and what they held. */
export interface CloudsFiles {
  searched: string[];
  cloudsPath: string | null;
  securePath: string | null;
  clouds: Record<string, Record<string, unknown>>;
  secure: Record<string, Record<string, unknown>>;
}

const NAMES = [".yaml", ".yml", ".json"];

/** Folders the openstack CLI (openstacksdk) searches, in its order. */
export function configDirs(
  env: Record<string, string | undefined>,
  cwd: string,
  home: string,
): string[] {
  const xdg = env.XDG_CONFIG_HOME || join(home, ".config");
  return [cwd, join(xdg, "openstack"), "/etc/openstack"];
}

function firstExisting(dirs: string[], base: string): string | null {
  for (const dir of dirs) {
    for (const ext of NAMES) {
      const p = join(dir, base + ext);
      if (existsSync(p)) return p;
    }
  }
  return null;
}

function readClouds(path: string): Record<string, Record<string, unknown>> {
  const doc = parseDocument(readFileSync(path, "utf8"));
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0] ?? { line: 0, col: 0 };
    throw fail("MalformedYaml", path, pos.line, pos.col, err.message.split("\n")[0] ?? "");
  }
  const data = doc.toJS() as { clouds?: unknown } | null;
  const clouds = data?.clouds;
  return clouds && typeof clouds === "object"
    ? (clouds as Record<string, Record<string, unknown>>)
    : {};
}

/**
 * Finds and reads clouds.yaml and secure.yaml: OS_CLIENT_CONFIG_FILE / OS_CLIENT_SECURE_FILE
 * first, else the first of ./, $XDG_CONFIG_HOME/openstack, /etc/openstack holding one.
 * Throws MalformedYaml for a file that does not parse.
 */
export function loadCloudsFiles(
  env: Record<string, string | undefined>,
  cwd: string,
  home: string,
): CloudsFiles {
  const dirs = configDirs(env, cwd, home);
  const explicit = env.OS_CLIENT_CONFIG_FILE ? resolve(cwd, env.OS_CLIENT_CONFIG_FILE) : null;
  const explicitSecure = env.OS_CLIENT_SECURE_FILE ? resolve(cwd, env.OS_CLIENT_SECURE_FILE) : null;
  const cloudsPath = explicit && existsSync(explicit) ? explicit : firstExisting(dirs, "clouds");
  const securePath =
    explicitSecure && existsSync(explicitSecure) ? explicitSecure : firstExisting(dirs, "secure");
  return {
    searched: [...(explicit ? [explicit] : []), ...dirs],
    cloudsPath,
    securePath,
    clouds: cloudsPath ? readClouds(cloudsPath) : {},
    secure: securePath ? readClouds(securePath) : {},
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Deep merge as openstacksdk merges secure.yaml over clouds.yaml: nested maps merge, the rest replaces. */
export function mergeDeep(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const cur = out[k];
    out[k] = isPlainObject(cur) && isPlainObject(v) ? mergeDeep(cur, v) : v;
  }
  return out;
}
