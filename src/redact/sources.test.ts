import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { detectSourceKind, loadSecretSource, secretsFromEnv } from "./index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "stacklog-redact-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

function load(name: string, text: string) {
  const r = loadSecretSource(file(name, text));
  if (!r.ok) throw r.error;
  return r;
}

describe("loadSecretSource", () => {
  it("takes every value of a kolla passwords.yml, nested mappings and lists included", () => {
    const r = load(
      "passwords.yml",
      [
        "database_password: Kd8sPq2LmX0aZr4T",
        "nova_ssh_key:",
        "  private_key: |",
        "    -----BEGIN OPENSSH PRIVATE KEY-----",
        "    b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ",
        "    -----END OPENSSH PRIVATE KEY-----",
        "keystone_federation_openid:",
        "  clients:",
        "    - secret: ZmVkZXJhdGVkLXNlY3JldA",
        "ceph_numeric_pin: 01234567",
      ].join("\n"),
    );
    expect(r.kind).toBe("kolla-passwords");
    const labels = Object.fromEntries(r.secrets.map((s) => [s.label, s.value]));
    expect(labels["passwords.yml:database_password"]).toBe("Kd8sPq2LmX0aZr4T");
    expect(labels["passwords.yml:nova_ssh_key.private_key"]).toContain(
      "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ",
    );
    expect(labels["passwords.yml:keystone_federation_openid.clients[0].secret"]).toBe(
      "ZmVkZXJhdGVkLXNlY3JldA",
    );
    expect(labels["passwords.yml:ceph_numeric_pin"]).toBe("01234567");
  });

  it("ignores null, boolean and too-short values", () => {
    const r = load(
      "passwords.yml",
      "a_password:\nb_password: true\nc_password: ab12\nd_password: null\n",
    );
    expect(r.secrets).toEqual([]);
  });

  it("takes passwords and application-credential secrets of every cloud in clouds.yaml", () => {
    const r = load(
      "clouds.yaml",
      "clouds:\n  one:\n    auth:\n      username: admin\n      password: OnePassword1\n  two:\n    auth:\n      application_credential_id: abcdef123456\n      application_credential_secret: TwoAppSecret22\n",
    );
    expect(r.secrets).toEqual([
      { value: "OnePassword1", label: "clouds.yaml:one.auth.password" },
      { value: "TwoAppSecret22", label: "clouds.yaml:two.auth.application_credential_secret" },
    ]);
  });

  it("reads secure.yaml like clouds.yaml", () => {
    const r = load(
      "secure.yaml",
      "clouds:\n  mycloud:\n    auth:\n      password: 'Secure-Pass-9'\n",
    );
    expect(r.kind).toBe("secure-yaml");
    expect(r.secrets).toEqual([
      { value: "Secure-Pass-9", label: "secure.yaml:mycloud.auth.password" },
    ]);
  });

  it("takes the values of an env file but not the non-secret OpenStack settings", () => {
    const r = load(
      "admin-openrc.sh",
      "# admin\nexport OS_AUTH_URL=https://cloud:5000/v3\nexport OS_USERNAME=administrator\nexport OS_PASSWORD='q1w2e3r4t5'\nDB_ROOT=\"dbroot-pass\"  \n",
    );
    expect(r.kind).toBe("env-file");
    expect(r.secrets).toEqual([
      { value: "q1w2e3r4t5", label: "admin-openrc.sh:OS_PASSWORD" },
      { value: "dbroot-pass", label: "admin-openrc.sh:DB_ROOT" },
    ]);
  });

  it("takes each line of a plain file as a value", () => {
    const r = load("vault-pass.txt", "first-secret-1\n\nsecond-secret-2\n");
    expect(r.kind).toBe("plain");
    expect(r.secrets.map((s) => s.label)).toEqual(["vault-pass.txt:1", "vault-pass.txt:3"]);
  });

  it("reports an unreadable file as SecretSourceUnreadable with its path", () => {
    const missing = join(dir, "nope", "passwords.yml");
    const r = loadSecretSource(missing);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("SecretSourceUnreadable");
    expect(r.error.message).toContain(missing);
    expect(r.error.message).toContain("ENOENT");
  });

  it("reports a read error such as a denied permission as SecretSourceUnreadable", () => {
    const p = file("passwords.yml", "a_password: abcdefgh\n");
    const r = loadSecretSource(p, undefined, () => {
      throw Object.assign(new Error("denied"), { code: "EACCES" });
    });
    expect(r.ok ? null : r.error.message).toContain("EACCES");
  });

  it("reports malformed YAML as MalformedYaml with file, line and column", () => {
    const p = file("passwords.yml", "database_password: abcdefgh\nnova:\n  - a\n  b: [unclosed\n");
    const r = loadSecretSource(p);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe("MalformedYaml");
    expect(r.error.message).toMatch(
      new RegExp(`^${p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+:\\d+: `),
    );
    expect(r.error.message).not.toContain(":1:1:");
  });
});

describe("detectSourceKind", () => {
  it.each([
    ["/etc/kolla/passwords.yml", "", "kolla-passwords"],
    ["/home/op/.config/openstack/clouds.yaml", "", "clouds-yaml"],
    ["secure.yaml", "", "secure-yaml"],
    ["admin-openrc.sh", "", "env-file"],
    ["site.env", "", "env-file"],
    ["creds", "clouds:\n  a: {}\n", "clouds-yaml"],
    ["kolla-copy", "nova_keystone_password: x\n", "kolla-passwords"],
    ["vars", "A=1\nB=2\n", "env-file"],
    ["list.txt", "one\ntwo\n", "plain"],
  ] as const)("%s is %s", (path, text, kind) => {
    expect(detectSourceKind(path, text)).toBe(kind);
  });
});

describe("secretsFromEnv", () => {
  it("takes OS_PASSWORD, OS_APPLICATION_CREDENTIAL_SECRET, OS_TOKEN and other OS_ secrets", () => {
    const got = secretsFromEnv({
      OS_PASSWORD: "env-password-1",
      OS_APPLICATION_CREDENTIAL_SECRET: "env-app-secret",
      OS_TOKEN: "env-token-value",
      OS_DB_ROOT_PASSWORD: "env-db-root-pw",
      OS_USERNAME: "administrator",
      HOME: "/root/home-dir",
      OS_CLIENT_SECRET: undefined,
    });
    expect(got.map((s) => s.label).sort()).toEqual([
      "env:OS_APPLICATION_CREDENTIAL_SECRET",
      "env:OS_DB_ROOT_PASSWORD",
      "env:OS_PASSWORD",
      "env:OS_TOKEN",
    ]);
  });
});
