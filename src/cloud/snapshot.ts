import { fetchHttp, type Http, nodeHttp } from "./http.js";
import { authenticate } from "./keystone-auth.js";
import { endpointFor, type Probe, tryGetJson } from "./probe.js";
import { cloudSecrets, redactWith } from "./secrets.js";
import {
  readBaremetal,
  readCompute,
  readFlavors,
  readIdentity,
  readImages,
  readNetwork,
  readVolume,
} from "./services.js";
import type { ApiVersion, CatalogService, CloudAuth, CloudSnapshot } from "./types.js";
import { endpointRoot, parseVersionDocument } from "./versions.js";

export interface SnapshotOptions {
  /** Per request; default 10 s. */
  timeoutMs?: number;
  now?: () => number;
  /** A fetch-compatible function to use instead of node:http/https. */
  fetchImpl?: typeof fetch;
}

const VOLUME_TYPES = ["block-storage", "volumev3", "volumev2", "volume"];

/** Version documents of one endpoint: the versioned URL first, then its unversioned root. */
async function discover(p: Probe, type: string, url: string): Promise<ApiVersion[]> {
  const first = await tryGetJson(p, url);
  const parsed = first.ok ? parseVersionDocument(first.json, url) : null;
  if (parsed) return parsed;
  const root = endpointRoot(url);
  const firstProblem = first.ok ? "no version document" : first.problem;
  if (root === url || (!first.ok && !first.reached)) {
    p.findings.push({ service: type, url, problem: firstProblem });
    return [];
  }
  const second = await tryGetJson(p, root);
  const fromRoot = second.ok ? parseVersionDocument(second.json, root) : null;
  if (fromRoot) return fromRoot;
  const secondProblem = second.ok ? "no version document" : second.problem;
  p.findings.push({
    service: type,
    url,
    problem: `${firstProblem}; root ${root}: ${secondProblem}`,
  });
  return [];
}

function sortCatalog(catalog: CatalogService[]): CatalogService[] {
  const key = (e: { interface: string; region: string | null }) =>
    `${e.region ?? ""}/${e.interface}`;
  return catalog
    .map((s) => ({
      ...s,
      endpoints: [...s.endpoints].sort((a, b) => key(a).localeCompare(key(b))),
    }))
    .sort((a, b) => `${a.type}/${a.name}`.localeCompare(`${b.type}/${b.name}`));
}

/**
 * Authenticates and reads the cloud: catalog, version documents, identity counts and, for
 * services in the catalog, compute/network/volume services, bare-metal node states, image and
 * flavor counts. Only GETs after the token POST. Unreadable parts become `findings`; only a
 * failed authentication throws (CloudAuthFailed, CloudTokenInvalid, CloudUnreachable).
 */
export async function snapshotCloud(
  auth: CloudAuth,
  opts: SnapshotOptions = {},
): Promise<CloudSnapshot> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const now = opts.now ?? Date.now;
  const http: Http = opts.fetchImpl
    ? fetchHttp(opts.fetchImpl, timeoutMs)
    : nodeHttp(auth, timeoutMs);
  const redact = redactWith(cloudSecrets(auth).map((s) => s.value));
  const takenAt = now();
  const session = await authenticate(auth, http, redact);
  const p: Probe = { http, token: session.token, findings: [], redact };
  const region = auth.regionName ?? null;
  const catalog = sortCatalog(session.catalog);
  const url = (type: string) => {
    const s = catalog.find((c) => c.type === type);
    return s ? endpointFor(s, auth.interface, region) : null;
  };

  const versions: Record<string, ApiVersion[]> = {};
  const discoveries = catalog.map(async (s) => {
    const u = endpointFor(s, auth.interface, region);
    if (u) versions[s.type] = await discover(p, s.type, u);
  });
  const identityUrl = url("identity") ?? auth.authUrl;
  const computeUrl = url("compute");
  const networkUrl = url("network");
  const volumeUrl = VOLUME_TYPES.map(url).find((u) => u !== null) ?? null;
  const baremetalUrl = url("baremetal");
  const imageUrl = url("image");
  const [, identity, compute, flavors, network, volume, baremetal, image] = await Promise.all([
    Promise.all(discoveries),
    readIdentity(p, identityUrl),
    computeUrl ? readCompute(p, computeUrl) : undefined,
    computeUrl ? readFlavors(p, computeUrl) : undefined,
    networkUrl ? readNetwork(p, networkUrl) : undefined,
    volumeUrl ? readVolume(p, volumeUrl) : undefined,
    baremetalUrl ? readBaremetal(p, baremetalUrl) : undefined,
    imageUrl ? readImages(p, imageUrl) : undefined,
  ]);

  const snap: CloudSnapshot = {
    takenAt,
    authUrl: auth.authUrl,
    region,
    catalog,
    versions: Object.fromEntries(Object.entries(versions).sort(([a], [b]) => a.localeCompare(b))),
    identity,
    findings: p.findings.sort((a, b) =>
      `${a.service} ${a.url} ${a.problem}`.localeCompare(`${b.service} ${b.url} ${b.problem}`),
    ),
  };
  if (compute) snap.compute = compute;
  if (network) snap.network = network;
  if (volume) snap.volume = volume;
  if (baremetal) snap.baremetal = baremetal;
  if (image) snap.image = image;
  if (flavors) snap.flavors = flavors;
  return snap;
}
