import { getJson, getList, type Probe, withVersion } from "./probe.js";
import type { BaremetalNode, CloudSnapshot, NetworkAgent, ServiceState } from "./types.js";

type Json = Record<string, unknown>;

function s(v: unknown): string {
  return typeof v === "string" ? v : v === null || v === undefined ? "" : String(v);
}

function byKey<T>(key: (x: T) => string): (a: T, b: T) => number {
  return (a, b) => key(a).localeCompare(key(b));
}

function serviceStates(rows: Json[]): ServiceState[] {
  return rows
    .map((r) => ({
      binary: s(r.binary),
      host: s(r.host),
      zone: typeof r.zone === "string" ? r.zone : null,
      status: s(r.status),
      state: s(r.state),
    }))
    .sort(byKey((x) => `${x.binary}@${x.host}`));
}

/** Identity counts; a list the user may not read is null with a finding. */
export async function readIdentity(
  p: Probe,
  identityUrl: string,
): Promise<CloudSnapshot["identity"]> {
  const base = withVersion(identityUrl, "/v3");
  const count = async (what: string) =>
    (await getList(p, "identity", `${base}/${what}`, what))?.length ?? null;
  const [projects, users, domains] = await Promise.all([
    count("projects"),
    count("users"),
    count("domains"),
  ]);
  return { projects, users, domains };
}

/** Nova's service list and hypervisor count. */
export async function readCompute(
  p: Probe,
  url: string,
): Promise<NonNullable<CloudSnapshot["compute"]>> {
  const [services, hypervisors] = await Promise.all([
    getJson(p, "compute", `${url}/os-services`),
    getList(p, "compute", `${url}/os-hypervisors`, "hypervisors"),
  ]);
  const rows = Array.isArray(services?.services) ? (services.services as Json[]) : [];
  return { services: serviceStates(rows), hypervisors: hypervisors?.length ?? null };
}

/** Nova's flavor count (all pages). */
export async function readFlavors(
  p: Probe,
  url: string,
): Promise<NonNullable<CloudSnapshot["flavors"]>> {
  return { count: (await getList(p, "compute", `${url}/flavors`, "flavors"))?.length ?? null };
}

/** Neutron's agents. */
export async function readNetwork(
  p: Probe,
  url: string,
): Promise<NonNullable<CloudSnapshot["network"]>> {
  const rows = (await getList(p, "network", `${withVersion(url, "/v2.0")}/agents`, "agents")) ?? [];
  const agents: NetworkAgent[] = rows.map((r) => ({
    agentType: s(r.agent_type),
    binary: s(r.binary),
    host: s(r.host),
    alive: r.alive === true,
    adminStateUp: r.admin_state_up === true,
  }));
  return { agents: agents.sort(byKey((x) => `${x.agentType}@${x.host}`)) };
}

/** Cinder's service list. */
export async function readVolume(
  p: Probe,
  url: string,
): Promise<NonNullable<CloudSnapshot["volume"]>> {
  const json = await getJson(p, "volume", `${url}/os-services`);
  return {
    services: serviceStates(Array.isArray(json?.services) ? (json.services as Json[]) : []),
  };
}

/** Ironic's nodes, reduced to their states (no names: the diff counts them). */
export async function readBaremetal(
  p: Probe,
  url: string,
): Promise<NonNullable<CloudSnapshot["baremetal"]>> {
  const rows = (await getList(p, "baremetal", `${withVersion(url, "/v1")}/nodes`, "nodes")) ?? [];
  // Before microversion 1.2 an available node reported provision_state null (NOSTATE).
  const nodes: BaremetalNode[] = rows.map((r) => ({
    provisionState: s(r.provision_state) || "available",
    powerState: typeof r.power_state === "string" ? r.power_state : null,
    maintenance: r.maintenance === true,
  }));
  return {
    nodes: nodes.sort(byKey((x) => `${x.provisionState}/${x.powerState}/${x.maintenance}`)),
  };
}

/** Glance's image count (all pages). */
export async function readImages(
  p: Probe,
  url: string,
): Promise<NonNullable<CloudSnapshot["image"]>> {
  const list = await getList(p, "image", `${withVersion(url, "/v2")}/images?limit=1000`, "images");
  return { count: list?.length ?? null };
}
