import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, type Keystone, startKeystone } from "../../test/fixtures/cloud/keystone.js";
import { startTlsProxy } from "../../test/fixtures/cloud/tls-proxy.js";
import { StacklogError } from "../errors/index.js";
import {
  type CloudAuth,
  type CloudSnapshot,
  cloudSecrets,
  diffCloud,
  resolveCloud,
  snapshotCloud,
} from "./index.js";

// One real Keystone (Debian's python3-keystone under uwsgi) for the whole file.
let ks: Keystone;
let closedPort: number;
// Accepts connections and never answers: an API that hangs.
let silent: { server: Server; sockets: Socket[]; port: number };
let appCred: { id: string; secret: string };
let adminAuth: CloudAuth;
let snap: CloudSnapshot;
let cliCatalog: {
  Name: string;
  Type: string;
  Endpoints: { interface: string; region: string; url: string }[];
}[];
let cliVersions: { "Service Type": string; Version: string; Status: string; Endpoint: string }[];
let cliProjects: { Name: string }[];

// The fields of Keystone's replies that the seeding reads.
interface Reply {
  token: { user: { id: string } };
  application_credential: { id: string; secret: string };
  service: { id: string };
}

async function api(method: string, route: string, token: string | null, body?: unknown) {
  const res = await fetch(`${ks.authUrl}${route}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { "x-auth-token": token } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${route}: HTTP ${res.status} ${text}`);
  return { headers: res.headers, json: text ? (JSON.parse(text) as Reply) : ({} as Reply) };
}

async function adminToken(): Promise<{ token: string; userId: string }> {
  const { headers, json } = await api("POST", "/auth/tokens", null, {
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: { name: "admin", domain: { id: "default" }, password: ks.adminPassword },
        },
      },
      scope: { project: { name: "admin", domain: { id: "default" } } },
    },
  });
  return { token: headers.get("x-subject-token") as string, userId: json.token.user.id };
}

// The test, not the client, writes: a second project, an application credential, a compute
// endpoint on a port nothing listens on, and (in its own region) a volume endpoint that hangs.
async function seed(): Promise<void> {
  const { token, userId } = await adminToken();
  await api("POST", "/projects", token, { project: { name: "demo", domain_id: "default" } });
  const cred = await api("POST", `/users/${userId}/application_credentials`, token, {
    application_credential: { name: "stacklog-test" },
  });
  appCred = {
    id: cred.json.application_credential.id,
    secret: cred.json.application_credential.secret,
  };
  const svc = await api("POST", "/services", token, {
    service: { type: "compute", name: "nova-gone" },
  });
  await api("POST", "/endpoints", token, {
    endpoint: {
      service_id: svc.json.service.id,
      interface: "public",
      region_id: "RegionOne",
      url: `http://127.0.0.1:${closedPort}/v2.1`,
    },
  });
  await api("POST", "/regions", token, { region: { id: "RegionSilent" } });
  const vol = await api("POST", "/services", token, {
    service: { type: "volumev3", name: "cinder-hung" },
  });
  await api("POST", "/endpoints", token, {
    endpoint: {
      service_id: vol.json.service.id,
      interface: "public",
      region_id: "RegionSilent",
      url: `http://127.0.0.1:${silent.port}/v3`,
    },
  });
}

beforeAll(async () => {
  ks = await startKeystone();
  closedPort = await freePort();
  const sockets: Socket[] = [];
  const server = createServer((sock) => sockets.push(sock));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  silent = { server, sockets, port: (server.address() as { port: number }).port };
  await seed();
  // RegionOne: without a region, as with the CLI, any region's endpoint may be used,
  // and the hanging one would slow every snapshot down to its timeout.
  const r = resolveCloud({
    env: { ...ks.adminEnv, OS_REGION_NAME: "RegionOne" },
    cwd: ks.dir,
    home: ks.dir,
  });
  if (!r.ok) throw r.error;
  adminAuth = r.auth;
  [snap, cliCatalog, cliVersions, cliProjects] = (await Promise.all([
    snapshotCloud(adminAuth, { timeoutMs: 20_000 }),
    ks.cli(["catalog", "list"]),
    ks.cli(["versions", "show", "--service", "identity"]),
    ks.cli(["project", "list"]),
  ])) as [CloudSnapshot, typeof cliCatalog, typeof cliVersions, typeof cliProjects];
}, 240_000);

afterAll(async () => {
  for (const sock of silent?.sockets ?? []) sock.destroy();
  silent?.server.close();
  await ks?.stop();
});

describe("snapshotCloud against a real Keystone", () => {
  it("lists the same catalog as `openstack catalog list`", () => {
    const fromCli = cliCatalog.flatMap((s) =>
      s.Endpoints.map((e) => `${s.Type} ${s.Name} ${e.interface} ${e.region} ${e.url}`),
    );
    const fromSnap = snap.catalog.flatMap((s) =>
      s.endpoints.map((e) => `${s.type} ${s.name} ${e.interface} ${e.region} ${e.url}`),
    );
    expect(fromSnap.sort()).toEqual(fromCli.sort());
    expect(fromSnap).toContain(
      `compute nova-gone public RegionOne http://127.0.0.1:${closedPort}/v2.1`,
    );
  });

  it("reads the identity version `openstack versions show` reports (v3.14 on Zed)", () => {
    const cli = cliVersions.find((v) => v["Service Type"] === "identity");
    expect(cli).toBeDefined();
    const ids = snap.versions.identity?.map((v) => v.id);
    expect(ids).toEqual([`v${cli?.Version}`]);
    expect(ids?.[0]).toMatch(/^v3\.\d+$/);
    expect(snap.versions.identity?.[0]?.url.replace(/\/$/, "")).toBe(
      cli?.Endpoint.replace(/\/$/, ""),
    );
  });

  it("counts the projects `openstack project list` shows, the seeded one included", () => {
    expect(cliProjects.map((p) => p.Name).sort()).toEqual(["admin", "demo"]);
    expect(snap.identity).toEqual({ projects: cliProjects.length, users: 1, domains: 1 });
  });

  it("turns an endpoint nobody answers into findings, not a failure", () => {
    const gone = snap.findings.filter((f) => f.service === "compute");
    expect(gone.length).toBeGreaterThan(0);
    for (const f of gone) {
      expect(f.url).toContain(`127.0.0.1:${closedPort}`);
      expect(f.problem).toBe("connection refused");
    }
    expect(snap.versions.compute).toEqual([]);
    expect(snap.compute).toEqual({ services: [], hypervisors: null });
    expect(snap.findings.filter((f) => f.service !== "compute")).toEqual([]);
  });

  it("turns an endpoint that never answers into a timeout finding", async () => {
    const s = await snapshotCloud(
      { ...adminAuth, regionName: "RegionSilent" },
      { timeoutMs: 1500 },
    );
    expect(s.versions.volumev3).toEqual([]);
    expect(s.volume).toEqual({ services: [] });
    const hung = s.findings.filter((f) => f.service === "volumev3" || f.service === "volume");
    expect(hung.map((f) => f.problem)).toEqual([
      "timed out after 1500 ms",
      "timed out after 1500 ms",
    ]);
    expect(s.identity.projects).toBe(2);
  });

  it("sends only GET requests after the token POST", async () => {
    const methods: string[] = [];
    const recording: typeof fetch = (input, init) => {
      methods.push(`${init?.method ?? "GET"} ${new URL(String(input)).pathname}`);
      return fetch(input, init);
    };
    await snapshotCloud(adminAuth, { fetchImpl: recording });
    expect(methods[0]).toBe("POST /v3/auth/tokens");
    expect(methods.slice(1).every((m) => m.startsWith("GET "))).toBe(true);
    expect(methods).toContain("GET /v3/projects");
  });

  it("authenticates from clouds.yaml with the password in secure.yaml", async () => {
    const home = path.join(ks.dir, "home");
    const conf = path.join(home, ".config", "openstack");
    mkdirSync(conf, { recursive: true });
    writeFileSync(
      path.join(conf, "clouds.yaml"),
      `clouds:\n  lab:\n    auth:\n      auth_url: ${ks.authUrl}\n      username: admin\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: RegionOne\n`,
    );
    writeFileSync(
      path.join(conf, "secure.yaml"),
      `clouds:\n  lab:\n    auth:\n      password: ${ks.adminPassword}\n`,
    );
    const r = resolveCloud({ env: { OS_CLOUD: "lab" }, cwd: ks.dir, home });
    if (!r.ok) throw r.error;
    expect(r.sources).toHaveLength(2);
    const s = await snapshotCloud(r.auth);
    expect(s.region).toBe("RegionOne");
    expect(s.catalog.map((c) => c.type)).toEqual(["compute", "identity", "volumev3"]);
    expect(s.findings.map((f) => f.service)).not.toContain("volumev3");
  });

  it("authenticates with an application credential from OS_* variables", async () => {
    const r = resolveCloud({
      env: {
        OS_AUTH_URL: ks.authUrl,
        OS_AUTH_TYPE: "v3applicationcredential",
        OS_APPLICATION_CREDENTIAL_ID: appCred.id,
        OS_APPLICATION_CREDENTIAL_SECRET: appCred.secret,
        OS_REGION_NAME: "RegionOne",
      },
      cwd: ks.dir,
      home: ks.dir,
    });
    if (!r.ok) throw r.error;
    const s = await snapshotCloud(r.auth);
    expect(s.versions.identity).toEqual(snap.versions.identity);
    expect(s.identity.projects).toBe(2);
  });

  it("refuses a wrong password with a catalogued error naming the cloud and auth URL, not the password", async () => {
    const wrong = "not-the-password-42";
    const err = await snapshotCloud({
      ...adminAuth,
      cloudName: "lab",
      auth: { ...adminAuth.auth, password: wrong },
    }).catch((e) => e);
    expect(err).toBeInstanceOf(StacklogError);
    expect(err.code).toBe("CloudAuthFailed");
    expect(err.message).toContain('cloud "lab"');
    expect(err.message).toContain(ks.authUrl);
    expect(err.message).toContain("HTTP 401");
    expect(JSON.stringify(err.details)).not.toContain(wrong);
  });

  it("says a revoked token is expired or invalid", async () => {
    const { token } = await adminToken();
    const res = await fetch(`${ks.authUrl}/auth/tokens`, {
      method: "DELETE",
      headers: { "x-auth-token": token, "x-subject-token": token },
    });
    expect(res.status).toBe(204);
    const auth: CloudAuth = {
      ...adminAuth,
      authType: "token",
      auth: { token, projectName: "admin", projectDomainName: "Default" },
    };
    const err = await snapshotCloud(auth).catch((e) => e);
    expect(err.code).toBe("CloudTokenInvalid");
    expect(JSON.stringify(err.details)).not.toContain(token);
  });

  it("keeps every credential out of the snapshot", async () => {
    const appAuth: CloudAuth = {
      authUrl: ks.authUrl,
      authType: "v3applicationcredential",
      auth: { applicationCredentialId: appCred.id, applicationCredentialSecret: appCred.secret },
      regionName: "RegionOne",
      interface: "public",
      insecure: false,
    };
    const json = JSON.stringify([snap, await snapshotCloud(appAuth)]);
    const secrets = [...cloudSecrets(adminAuth), ...cloudSecrets(appAuth)];
    expect(secrets.map((s) => s.label)).toEqual([
      "OS_* password",
      "OS_* application credential secret",
    ]);
    for (const s of secrets) expect(json).not.toContain(s.value);
  });

  it("sees a project created between two snapshots in their diff", async () => {
    const before = await snapshotCloud(adminAuth);
    const { token } = await adminToken();
    await api("POST", "/projects", token, { project: { name: "later", domain_id: "default" } });
    const after = await snapshotCloud(adminAuth);
    expect(diffCloud(before, after)).toEqual([
      {
        title: "Identity",
        changes: [{ path: "identity.projects", before: 2, after: 3, kind: "changed" }],
      },
    ]);
  });

  it("checks TLS against the CA bundle, and skips the check only when told to be insecure", async () => {
    const proxy = await startTlsProxy(ks.dir, ks.port);
    try {
      const tls: CloudAuth = { ...adminAuth, authUrl: `${proxy.url}/v3` };
      const untrusted = await snapshotCloud(tls).catch((e) => e);
      expect(untrusted.code).toBe("CloudUnreachable");
      expect(untrusted.message).toContain("TLS error");
      expect(untrusted.message).toContain("self-signed certificate");
      const trusted = await snapshotCloud({ ...tls, cacert: proxy.caFile });
      expect(trusted.identity.projects).toBeGreaterThanOrEqual(2);
      const insecure = await snapshotCloud({ ...tls, insecure: true });
      expect(insecure.versions.identity).toEqual(snap.versions.identity);
    } finally {
      await proxy.close();
    }
  });
});
