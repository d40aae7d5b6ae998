/** Credentials for one Keystone v3 authentication; secrets live only in `auth`. */
export interface CloudAuthFields {
  username?: string;
  userId?: string;
  password?: string;
  userDomainName?: string;
  userDomainId?: string;
  projectName?: string;
  projectId?: string;
  projectDomainName?: string;
  projectDomainId?: string;
  domainName?: string;
  domainId?: string;
  applicationCredentialId?: string;
  applicationCredentialName?: string;
  applicationCredentialSecret?: string;
  token?: string;
}

/** Everything needed to talk to one cloud, resolved like the openstack CLI does. */
export interface CloudAuth {
  authUrl: string;
  auth: CloudAuthFields;
  authType: "password" | "v3applicationcredential" | "token";
  regionName?: string;
  interface: "public" | "internal" | "admin";
  cacert?: string;
  insecure: boolean;
  cloudName?: string;
}

export interface CatalogEndpoint {
  interface: string;
  region: string | null;
  url: string;
}

export interface CatalogService {
  type: string;
  name: string;
  endpoints: CatalogEndpoint[];
}

/** One API version as its version document states it; maxVersion is the highest microversion. */
export interface ApiVersion {
  id: string;
  status: string;
  minVersion: string | null;
  maxVersion: string | null;
  url: string;
}

export interface ServiceState {
  binary: string;
  host: string;
  zone: string | null;
  status: string;
  state: string;
}

export interface NetworkAgent {
  agentType: string;
  binary: string;
  host: string;
  alive: boolean;
  adminStateUp: boolean;
}

export interface BaremetalNode {
  provisionState: string;
  powerState: string | null;
  maintenance: boolean;
}

/** Something the snapshot could not read; the rest of the snapshot is still valid. */
export interface Finding {
  service: string;
  url: string;
  problem: string;
}

/** Read-only picture of a cloud's APIs at one moment. Holds no secret. */
export interface CloudSnapshot {
  takenAt: number;
  authUrl: string;
  region: string | null;
  catalog: CatalogService[];
  /** Keyed by service type. */
  versions: Record<string, ApiVersion[]>;
  identity: { projects: number | null; users: number | null; domains: number | null };
  compute?: { services: ServiceState[]; hypervisors: number | null };
  network?: { agents: NetworkAgent[] };
  volume?: { services: ServiceState[] };
  baremetal?: { nodes: BaremetalNode[] };
  image?: { count: number | null };
  flavors?: { count: number | null };
  findings: Finding[];
}

export interface CloudChange {
  path: string;
  before: unknown;
  after: unknown;
  kind: "added" | "removed" | "changed";
}

/** Changes between two snapshots, grouped in titled sections; sections without changes are left out. */
export type CloudDiff = { title: string; changes: CloudChange[] }[];
