import { type Http, jsonBody } from "./http.js";
import type { CatalogService, Finding } from "./types.js";

/** What every read during a snapshot needs: transport, token, and where to note problems. */
export interface Probe {
  http: Http;
  token: string;
  findings: Finding[];
  redact: (s: string) => string;
}

type Json = Record<string, unknown>;

const STATUS_WORDS: Record<number, string> = {
  401: "token not accepted",
  403: "forbidden for this user",
  404: "not found",
  503: "service unavailable",
};

/** A GET's JSON, or why there is none; 300 Multiple Choices (a version root) counts as an answer. */
export async function tryGetJson(
  p: Probe,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ ok: true; json: Json } | { ok: false; problem: string; reached: boolean }> {
  const res = await p.http({
    method: "GET",
    url,
    headers: { accept: "application/json", "x-auth-token": p.token, ...headers },
  });
  if (!res.ok) return { ok: false, problem: p.redact(res.problem), reached: false };
  if (res.status >= 400) {
    const word = STATUS_WORDS[res.status] ?? (res.status >= 500 ? "server error" : "client error");
    return { ok: false, problem: `HTTP ${res.status} (${word})`, reached: true };
  }
  const json = jsonBody(res.body);
  if (!json || typeof json !== "object")
    return { ok: false, problem: `HTTP ${res.status} with a body that is not JSON`, reached: true };
  return { ok: true, json: json as Json };
}

/** A GET's JSON; on failure a finding for `service` and null. */
export async function getJson(
  p: Probe,
  service: string,
  url: string,
  headers?: Record<string, string>,
): Promise<Json | null> {
  const r = await tryGetJson(p, url, headers);
  if (r.ok) return r.json;
  p.findings.push({ service, url, problem: r.problem });
  return null;
}

/** Follows a paginated list (`next` / `*_links` rel=next) up to `maxPages`; null when the first page fails. */
export async function getList(
  p: Probe,
  service: string,
  url: string,
  key: string,
  maxPages = 100,
): Promise<Json[] | null> {
  const items: Json[] = [];
  let next: string | null = url;
  for (let page = 0; next && page < maxPages; page++) {
    const json: Json | null = await getJson(p, service, next);
    if (!json) return page === 0 ? null : items;
    const got = json[key];
    if (Array.isArray(got)) items.push(...(got as Json[]));
    next = nextLink(json, key, next);
  }
  return items;
}

function nextLink(json: Json, key: string, current: string): string | null {
  const links = json[`${key}_links`];
  const fromLinks = Array.isArray(links)
    ? (links as Json[]).find((l) => l.rel === "next")?.href
    : undefined;
  const href = typeof json.next === "string" ? json.next : fromLinks;
  if (typeof href !== "string" || href === "") return null;
  // Glance gives `next` as a path from the endpoint root ("/v2/images?marker=...").
  const resolved = new URL(href, current).toString();
  return resolved === current ? null : resolved;
}

/** The endpoint of a catalog entry for the interface (and region when one is set). */
export function endpointFor(
  s: CatalogService,
  iface: string,
  region: string | null,
): string | null {
  const e = s.endpoints.find(
    (x) => x.interface === iface && (region === null || x.region === region),
  );
  return e ? e.url : null;
}

/** `base` with `suffix` appended unless its path already ends with it (…/v2.0, …/v1). */
export function withVersion(base: string, suffix: string): string {
  const trimmed = base.replace(/\/+$/, "");
  return trimmed.endsWith(suffix) ? trimmed : `${trimmed}${suffix}`;
}
