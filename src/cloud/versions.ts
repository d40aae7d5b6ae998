import type { ApiVersion } from "./types.js";

type Json = Record<string, unknown>;

function text(v: unknown): string | null {
  return typeof v === "string" && v !== "" ? v : null;
}

function selfLink(v: Json, fallback: string): string {
  const links = Array.isArray(v.links) ? (v.links as Json[]) : [];
  return text(links.find((l) => l.rel === "self")?.href) ?? fallback;
}

function oneVersion(v: Json, fallback: string): ApiVersion | null {
  const id = text(v.id);
  if (!id) return null;
  return {
    id,
    status: text(v.status) ?? "unknown",
    // Nova, Cinder, Ironic and Placement state the microversion range as min_version +
    // version; Ironic's older documents and Manila use the same names.
    minVersion: text(v.min_version),
    maxVersion: text(v.version) ?? text(v.max_version),
    url: selfLink(v, fallback),
  };
}

/**
 * Reads a version document: `{version: {...}}` (a versioned endpoint), `{versions: [...]}`
 * or Keystone's `{versions: {values: [...]}}` (a root). Null when it is none of these.
 */
export function parseVersionDocument(doc: unknown, url: string): ApiVersion[] | null {
  if (!doc || typeof doc !== "object") return null;
  const d = doc as Json;
  if (d.version && typeof d.version === "object") {
    const v = oneVersion(d.version as Json, url);
    return v ? [v] : null;
  }
  const list = Array.isArray(d.versions) ? d.versions : (d.versions as Json | undefined)?.values;
  if (!Array.isArray(list)) return null;
  const out = (list as Json[])
    .map((v) => oneVersion(v, url))
    .filter((v): v is ApiVersion => v !== null);
  return out.length > 0 ? out.sort((a, b) => a.id.localeCompare(b.id)) : null;
}

/**
 * The unversioned root of an endpoint: everything before the first path segment that
 * names a version (v2.1, v3, v2.0), e.g. http://nova:8774/v2.1/abc → http://nova:8774/.
 */
export function endpointRoot(url: string): string {
  const u = new URL(url);
  const parts = u.pathname.split("/");
  const at = parts.findIndex((p) => /^v\d+(\.\d+)?$/.test(p));
  const kept = at >= 0 ? parts.slice(0, at) : parts;
  u.pathname = `${kept.join("/").replace(/\/+$/, "")}/`;
  u.search = "";
  return u.toString();
}
