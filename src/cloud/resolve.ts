import { fail, StacklogError } from "../errors/index.js";
import { loadCloudsFiles, mergeDeep } from "./clouds-files.js";
import type { CloudAuth, CloudAuthFields } from "./types.js";

type Env = Record<string, string | undefined>;
type Raw = Record<string, unknown>;

// clouds.yaml auth keys → our field names; the OS_* variable that overrides each.
const AUTH_KEYS: [keyof CloudAuthFields, string, string][] = [
  ["username", "username", "OS_USERNAME"],
  ["userId", "user_id", "OS_USER_ID"],
  ["password", "password", "OS_PASSWORD"],
  ["userDomainName", "user_domain_name", "OS_USER_DOMAIN_NAME"],
  ["userDomainId", "user_domain_id", "OS_USER_DOMAIN_ID"],
  ["projectName", "project_name", "OS_PROJECT_NAME"],
  ["projectId", "project_id", "OS_PROJECT_ID"],
  ["projectDomainName", "project_domain_name", "OS_PROJECT_DOMAIN_NAME"],
  ["projectDomainId", "project_domain_id", "OS_PROJECT_DOMAIN_ID"],
  ["domainName", "domain_name", "OS_DOMAIN_NAME"],
  ["domainId", "domain_id", "OS_DOMAIN_ID"],
  ["applicationCredentialId", "application_credential_id", "OS_APPLICATION_CREDENTIAL_ID"],
  ["applicationCredentialName", "application_credential_name", "OS_APPLICATION_CREDENTIAL_NAME"],
  [
    "applicationCredentialSecret",
    "application_credential_secret",
    "OS_APPLICATION_CREDENTIAL_SECRET",
  ],
  ["token", "token", "OS_TOKEN"],
];

// Old spellings the CLI still accepts.
const ALIASES: Record<string, string> = { tenant_name: "project_name", tenant_id: "project_id" };
const ENV_ALIASES: Record<string, string> = {
  OS_TENANT_NAME: "OS_PROJECT_NAME",
  OS_TENANT_ID: "OS_PROJECT_ID",
  OS_ENDPOINT_TYPE: "OS_INTERFACE",
};

export type ResolveResult =
  | { ok: true; auth: CloudAuth; sources: string[] }
  | { ok: false; error: StacklogError };

function str(v: unknown): string | undefined {
  if (typeof v === "string" && v !== "") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}

function envValue(env: Env, name: string): string | undefined {
  const alias = Object.entries(ENV_ALIASES).find(([, to]) => to === name)?.[0];
  return str(env[name]) ?? (alias ? str(env[alias]) : undefined);
}

function truthy(v: string): boolean {
  return /^(1|true|yes|on)$/i.test(v);
}

/** Applies the OS_* variables over a cloud's settings, as the CLI's option defaults do. */
function overlayEnv(cloud: Raw, env: Env): { cloud: Raw; used: string[] } {
  const auth: Raw = { ...((cloud.auth as Raw | undefined) ?? {}) };
  for (const [from, to] of Object.entries(ALIASES))
    if (auth[from] !== undefined && auth[to] === undefined) auth[to] = auth[from];
  const out: Raw = { ...cloud, auth };
  const used: string[] = [];
  const set = (target: Raw, key: string, name: string) => {
    const v = envValue(env, name);
    if (v === undefined) return;
    target[key] = v;
    used.push(name);
  };
  set(auth, "auth_url", "OS_AUTH_URL");
  for (const [, key, name] of AUTH_KEYS) set(auth, key, name);
  set(out, "auth_type", "OS_AUTH_TYPE");
  set(out, "region_name", "OS_REGION_NAME");
  set(out, "interface", "OS_INTERFACE");
  set(out, "cacert", "OS_CACERT");
  set(out, "default_domain", "OS_DEFAULT_DOMAIN");
  const insecure = envValue(env, "OS_INSECURE");
  if (insecure !== undefined) {
    out.verify = !truthy(insecure);
    used.push("OS_INSECURE");
  }
  return { cloud: out, used };
}

function authType(raw: string | undefined, fields: CloudAuthFields): CloudAuth["authType"] | null {
  const t = (raw ?? "").toLowerCase();
  if (t === "password" || t === "v3password") return "password";
  if (t === "v3applicationcredential" || t === "applicationcredential")
    return "v3applicationcredential";
  if (t === "token" || t === "v3token") return "token";
  if (t !== "") return null;
  if (fields.applicationCredentialSecret) return "v3applicationcredential";
  if (fields.token && !fields.password) return "token";
  return "password";
}

function missingFor(type: CloudAuth["authType"], f: CloudAuthFields): string | null {
  if (type === "password") {
    if (!f.username && !f.userId) return "username (OS_USERNAME)";
    if (!f.password) return "password (OS_PASSWORD)";
  } else if (type === "v3applicationcredential") {
    if (!f.applicationCredentialSecret)
      return "application_credential_secret (OS_APPLICATION_CREDENTIAL_SECRET)";
    if (!f.applicationCredentialId && !f.applicationCredentialName)
      return "application_credential_id (OS_APPLICATION_CREDENTIAL_ID)";
  } else if (!f.token) return "token (OS_TOKEN)";
  return null;
}

function regionOf(cloud: Raw): string | undefined {
  const name = str(cloud.region_name);
  if (name) return name;
  const first = Array.isArray(cloud.regions) ? cloud.regions[0] : undefined;
  return str(first) ?? str((first as Raw | undefined)?.name);
}

function toAuth(cloud: Raw, label: string, cloudName: string | undefined): CloudAuth {
  const a = (cloud.auth as Raw | undefined) ?? {};
  const authUrl = str(a.auth_url);
  if (!authUrl) throw fail("CloudConfigIncomplete", label, "auth_url (OS_AUTH_URL)");
  const fields: CloudAuthFields = {};
  for (const [field, key] of AUTH_KEYS) {
    const v = str(a[key]);
    if (v !== undefined) fields[field] = v;
  }
  const defaultDomain = str(cloud.default_domain);
  if (defaultDomain && !fields.userDomainName && !fields.userDomainId)
    fields.userDomainId = defaultDomain;
  if (defaultDomain && !fields.projectDomainName && !fields.projectDomainId)
    fields.projectDomainId = defaultDomain;
  const type = authType(str(cloud.auth_type), fields);
  if (!type)
    throw fail(
      "BadValue",
      `auth_type of ${label}`,
      "password, v3applicationcredential or token",
      "v3applicationcredential",
      String(cloud.auth_type),
    );
  const missing = missingFor(type, fields);
  if (missing) throw fail("CloudConfigIncomplete", label, missing);
  const iface = (str(cloud.interface) ?? "public").replace(/URL$/, "");
  if (iface !== "public" && iface !== "internal" && iface !== "admin")
    throw fail("BadValue", `interface of ${label}`, "public, internal or admin", "internal", iface);
  const verify = cloud.verify;
  const auth: CloudAuth = {
    authUrl,
    auth: fields,
    authType: type,
    interface: iface,
    insecure: verify === false || (typeof verify === "string" && /^(false|no|0)$/i.test(verify)),
  };
  const region = regionOf(cloud);
  if (region) auth.regionName = region;
  const cacert = str(cloud.cacert);
  if (cacert) auth.cacert = cacert;
  if (cloudName) auth.cloudName = cloudName;
  return auth;
}

/**
 * Resolves which cloud to talk to and how, like the openstack CLI: the cloud named by
 * `cloud` or OS_CLOUD from clouds.yaml (secure.yaml merged over it), with OS_* variables
 * overriding its settings; without a cloud name, the OS_* variables alone.
 * `sources` names the files and variables used, never their values.
 */
export function resolveCloud(opts: {
  cloud?: string;
  env: Env;
  cwd: string;
  home: string;
}): ResolveResult {
  try {
    const files = loadCloudsFiles(opts.env, opts.cwd, opts.home);
    const name = opts.cloud ?? str(opts.env.OS_CLOUD);
    const sources: string[] = [];
    let base: Raw = {};
    if (name) {
      const fromClouds = files.clouds[name];
      const fromSecure = files.secure[name];
      if (!fromClouds && !fromSecure) {
        const where = files.cloudsPath ?? `clouds.yaml (searched ${files.searched.join(", ")})`;
        throw fail("CloudNotFound", name, where);
      }
      if (fromClouds && files.cloudsPath) sources.push(`${files.cloudsPath} (cloud ${name})`);
      if (fromSecure && files.securePath) sources.push(`${files.securePath} (cloud ${name})`);
      base = mergeDeep(fromClouds ?? {}, fromSecure ?? {});
    } else if (!str(opts.env.OS_AUTH_URL)) {
      throw fail("CloudConfigMissing", files.searched.join(", "));
    }
    const { cloud, used } = overlayEnv(base, opts.env);
    if (used.length > 0) sources.push(`environment (${used.join(", ")})`);
    const label = name ? `cloud "${name}"` : "the OS_* environment";
    return { ok: true, auth: toAuth(cloud, label, name), sources };
  } catch (e) {
    if (e instanceof StacklogError) return { ok: false, error: e };
    throw e;
  }
}
