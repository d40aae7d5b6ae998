import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveCloud } from "./index.js";

let dir: string;
let home: string;
let cwd: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "stacklog-cloud-"));
  home = path.join(dir, "home");
  cwd = path.join(dir, "work");
  mkdirSync(path.join(home, ".config", "openstack"), { recursive: true });
  mkdirSync(cwd);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

const userDir = () => path.join(home, ".config", "openstack");

describe("resolveCloud", () => {
  it("merges secure.yaml over clouds.yaml for the cloud named by OS_CLOUD", () => {
    write(
      path.join(userDir(), "clouds.yaml"),
      `clouds:\n  lab:\n    auth:\n      auth_url: https://keystone.lab:5000/v3\n      username: ops\n      project_name: admin\n      user_domain_name: Default\n      project_domain_name: Default\n    region_name: RegionTwo\n    interface: internal\n    cacert: /etc/ssl/lab.pem\n`,
    );
    write(
      path.join(userDir(), "secure.yaml"),
      "clouds:\n  lab:\n    auth:\n      password: from-secure\n",
    );
    const r = resolveCloud({ env: { OS_CLOUD: "lab" }, cwd, home });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.auth).toEqual({
      authUrl: "https://keystone.lab:5000/v3",
      authType: "password",
      auth: {
        username: "ops",
        password: "from-secure",
        projectName: "admin",
        userDomainName: "Default",
        projectDomainName: "Default",
      },
      regionName: "RegionTwo",
      interface: "internal",
      cacert: "/etc/ssl/lab.pem",
      insecure: false,
      cloudName: "lab",
    });
    expect(r.sources).toEqual([
      `${path.join(userDir(), "clouds.yaml")} (cloud lab)`,
      `${path.join(userDir(), "secure.yaml")} (cloud lab)`,
    ]);
  });

  it("prefers ./clouds.yaml in the working directory over the user's", () => {
    write(
      path.join(userDir(), "clouds.yaml"),
      "clouds:\n  c:\n    auth: {auth_url: http://user/v3, username: u, password: p}\n",
    );
    write(
      path.join(cwd, "clouds.yaml"),
      "clouds:\n  c:\n    auth: {auth_url: http://here/v3, username: u, password: p}\n",
    );
    const r = resolveCloud({ cloud: "c", env: {}, cwd, home });
    expect(r.ok && r.auth.authUrl).toBe("http://here/v3");
  });

  it("reads the file named by OS_CLIENT_CONFIG_FILE and honours verify: false and a regions list", () => {
    write(
      path.join(dir, "elsewhere.yaml"),
      "clouds:\n  x:\n    auth: {auth_url: http://x/v3, username: u, password: p}\n    verify: false\n    regions: [north, south]\n",
    );
    const r = resolveCloud({
      env: { OS_CLIENT_CONFIG_FILE: path.join(dir, "elsewhere.yaml"), OS_CLOUD: "x" },
      cwd,
      home,
    });
    expect(r.ok && { insecure: r.auth.insecure, region: r.auth.regionName }).toEqual({
      insecure: true,
      region: "north",
    });
  });

  it("lets OS_* variables override the cloud's settings, as the CLI's option defaults do", () => {
    write(
      path.join(userDir(), "clouds.yaml"),
      "clouds:\n  c:\n    auth: {auth_url: http://a/v3, username: u, password: old}\n",
    );
    const r = resolveCloud({
      cloud: "c",
      env: { OS_PASSWORD: "new", OS_INTERFACE: "admin" },
      cwd,
      home,
    });
    expect(r.ok && [r.auth.auth.password, r.auth.interface]).toEqual(["new", "admin"]);
    expect(r.ok && r.sources[1]).toBe("environment (OS_PASSWORD, OS_INTERFACE)");
  });

  it("builds an application-credential cloud from OS_* variables alone", () => {
    const r = resolveCloud({
      env: {
        OS_AUTH_URL: "http://k:5000",
        OS_AUTH_TYPE: "v3applicationcredential",
        OS_APPLICATION_CREDENTIAL_ID: "abc",
        OS_APPLICATION_CREDENTIAL_SECRET: "shh",
        OS_INSECURE: "true",
      },
      cwd,
      home,
    });
    expect(r.ok && r.auth).toEqual({
      authUrl: "http://k:5000",
      authType: "v3applicationcredential",
      auth: { applicationCredentialId: "abc", applicationCredentialSecret: "shh" },
      interface: "public",
      insecure: true,
    });
  });

  it("says which cloud is unknown and where it looked", () => {
    write(
      path.join(userDir(), "clouds.yaml"),
      "clouds:\n  a:\n    auth: {auth_url: http://a/v3}\n",
    );
    const r = resolveCloud({ cloud: "b", env: {}, cwd, home });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("CloudNotFound");
    expect(r.error.message).toContain('"b"');
    expect(r.error.message).toContain(path.join(userDir(), "clouds.yaml"));
  });

  it("explains that nothing is configured when neither a cloud nor OS_AUTH_URL is given", () => {
    const r = resolveCloud({ env: {}, cwd, home });
    expect(!r.ok && r.error.code).toBe("CloudConfigMissing");
  });

  it("names the missing setting without showing any secret", () => {
    const r = resolveCloud({ env: { OS_AUTH_URL: "http://a/v3", OS_USERNAME: "u" }, cwd, home });
    expect(!r.ok && r.error.code).toBe("CloudConfigIncomplete");
    expect(!r.ok && r.error.message).toContain("password (OS_PASSWORD)");
  });

  it("reports a clouds.yaml that does not parse with its line", () => {
    write(path.join(userDir(), "clouds.yaml"), "clouds:\n  a: [unclosed\n");
    const r = resolveCloud({ cloud: "a", env: {}, cwd, home });
    expect(!r.ok && r.error.code).toBe("MalformedYaml");
  });
});
