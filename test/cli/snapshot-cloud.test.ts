import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Keystone, startKeystone } from "../fixtures/cloud/keystone.js";
import { filesUnder, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let ks: Keystone;
let sb: Sandbox;

beforeAll(async () => {
  ks = await startKeystone();
  sb = sandbox();
  const conf = path.join(sb.dir, ".config", "openstack");
  mkdirSync(conf, { recursive: true });
  writeFileSync(
    path.join(conf, "clouds.yaml"),
    `clouds:\n  lab:\n    auth:\n      auth_url: ${ks.authUrl}\n      username: admin\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: RegionOne\n    identity_api_version: 3\n`,
  );
  writeFileSync(
    path.join(conf, "secure.yaml"),
    `clouds:\n  lab:\n    auth:\n      password: ${ks.adminPassword}\n`,
  );
  stacklogJson(sb, ["start", "--title", "cloud snapshots"]);
}, 300_000);
afterAll(async () => {
  await ks?.stop();
  sb?.cleanup();
});

describe("stacklog snapshot cloud against a real Keystone", () => {
  it("records the catalog and identity API, shows a change as a diff, and stores no password", async () => {
    const before = stacklogJson<{
      summary: { apis: string[]; projects: number };
      registeredSecretSources: string[];
    }>(sb, ["snapshot", "cloud", "--os-cloud", "lab", "--label", "before"]);
    expect(before.summary.apis.join()).toContain("identity v3.14");
    expect(before.registeredSecretSources.map((p) => path.basename(p)).sort()).toEqual([
      "clouds.yaml",
      "secure.yaml",
    ]);
    await ks.cli(["project", "create", "stacklog-diff-test"]);
    stacklog(sb, ["snapshot", "cloud", "--os-cloud", "lab", "--label", "after"]);
    const d = stacklog(sb, ["diff", "1", "2"]);
    expect(d.status, d.stderr).toBe(0);
    expect(d.stdout).toMatch(/projects.*\b(\d+)\b.*→.*\b\d+\b/);
    for (const f of filesUnder(sb.home))
      expect(readFileSync(f, "latin1").includes(ks.adminPassword), f).toBe(false);
    expect(stacklog(sb, ["export"]).stdout.includes(ks.adminPassword)).toBe(false);
  });

  it("says which cloud and URL refused a wrong password, without the password", () => {
    const r = stacklog(sb, ["snapshot", "cloud"], {
      env: {
        OS_AUTH_URL: ks.authUrl,
        OS_USERNAME: "admin",
        OS_PASSWORD: "wrong-password-123",
        OS_PROJECT_NAME: "admin",
        OS_USER_DOMAIN_NAME: "Default",
        OS_PROJECT_DOMAIN_NAME: "Default",
      },
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain(ks.authUrl);
    expect(r.stderr).not.toContain("wrong-password-123");
    expect(r.stderr).not.toContain("internal error");
  });
});
