import { fail } from "../errors/index.js";
import { type Http, jsonBody } from "./http.js";
import type { CatalogService, CloudAuth, CloudAuthFields } from "./types.js";

export interface Session {
  token: string;
  catalog: CatalogService[];
}

type Json = Record<string, unknown>;

function named(name: string | undefined, id: string | undefined): Json | undefined {
  if (id) return { id };
  if (name) return { name };
  return undefined;
}

function scope(f: CloudAuthFields): Json | undefined {
  if (f.projectId) return { project: { id: f.projectId } };
  if (f.projectName) {
    const domain = named(f.projectDomainName, f.projectDomainId) ?? { id: "default" };
    return { project: { name: f.projectName, domain } };
  }
  const domain = named(f.domainName, f.domainId);
  return domain ? { domain } : undefined;
}

function user(f: CloudAuthFields): Json {
  if (f.userId) return { id: f.userId };
  return { name: f.username, domain: named(f.userDomainName, f.userDomainId) ?? { id: "default" } };
}

/** The POST /v3/auth/tokens body for the auth type. */
export function tokenRequestBody(auth: CloudAuth): Json {
  const f = auth.auth;
  if (auth.authType === "v3applicationcredential") {
    const cred: Json = { secret: f.applicationCredentialSecret };
    if (f.applicationCredentialId) cred.id = f.applicationCredentialId;
    else Object.assign(cred, { name: f.applicationCredentialName, user: user(f) });
    return {
      auth: { identity: { methods: ["application_credential"], application_credential: cred } },
    };
  }
  const identity =
    auth.authType === "token"
      ? { methods: ["token"], token: { id: f.token } }
      : { methods: ["password"], password: { user: { ...user(f), password: f.password } } };
  const s = scope(f);
  return { auth: { identity, ...(s ? { scope: s } : {}) } };
}

/** The tokens URL under an auth URL given with or without its /v3. */
export function tokensUrl(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, "");
  if (/\/v3$/.test(base)) return `${base}/auth/tokens`;
  return `${base.replace(/\/v2\.0$/, "")}/v3/auth/tokens`;
}

function catalogOf(body: unknown): CatalogService[] {
  const raw = ((body as { token?: { catalog?: unknown } } | null)?.token?.catalog ?? []) as Json[];
  if (!Array.isArray(raw)) return [];
  return raw.map((s) => ({
    type: String(s.type ?? ""),
    name: String(s.name ?? ""),
    endpoints: ((s.endpoints as Json[] | undefined) ?? []).map((e) => ({
      interface: String(e.interface ?? ""),
      region:
        typeof (e.region_id ?? e.region) === "string" ? String(e.region_id ?? e.region) : null,
      url: String(e.url ?? ""),
    })),
  }));
}

function keystoneMessage(body: string): string {
  const err = (jsonBody(body) as { error?: { message?: unknown } } | null)?.error;
  return typeof err?.message === "string" ? `: ${err.message}` : "";
}

/**
 * Authenticates against Keystone v3 and returns the token and its catalog. Throws
 * CloudAuthFailed (credentials refused), CloudTokenInvalid (token auth refused) or
 * CloudUnreachable; none of them holds a secret.
 */
export async function authenticate(
  auth: CloudAuth,
  http: Http,
  redact: (s: string) => string,
): Promise<Session> {
  const label = auth.cloudName ? `cloud "${auth.cloudName}"` : "the OS_* environment";
  const res = await http({
    method: "POST",
    url: tokensUrl(auth.authUrl),
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(tokenRequestBody(auth)),
  });
  if (!res.ok) throw fail("CloudUnreachable", label, auth.authUrl, redact(res.problem));
  const token = res.headers["x-subject-token"];
  if (res.status === 201 && token) return { token, catalog: catalogOf(jsonBody(res.body)) };
  const detail = redact(`HTTP ${res.status}${keystoneMessage(res.body)}`);
  if (auth.authType === "token" && (res.status === 401 || res.status === 404))
    throw fail("CloudTokenInvalid", label, auth.authUrl, detail);
  throw fail("CloudAuthFailed", label, auth.authUrl, detail);
}
