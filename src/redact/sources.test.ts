import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createRedactor, detectSourceKind, loadSecretSource, secretsFromEnv } from "./index.js";

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

const VAULT_YAML = "mariadb:\n  root_pw: VaultOnly12345\nhorizon:\n  secret_key: VaultHorizon777\n";

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

  it("takes every value of a YAML file it does not know by name, labelled by the value's path", () => {
    const r = load("secrets.yaml", VAULT_YAML);
    expect(r.kind).toBe("yaml-file");
    expect(r.secrets).toEqual([
      { value: "VaultOnly12345", label: "secrets.yaml:mariadb.root_pw" },
      { value: "VaultHorizon777", label: "secrets.yaml:horizon.secret_key" },
    ]);
  });

  it("hides the values of such a file where it is printed, and not its keys", () => {
    const r = load("secrets.yaml", VAULT_YAML);
    const out = createRedactor(r.secrets, { patterns: false }).redact(
      `$ cat secrets.yaml\n${VAULT_YAML}$ mysql -uroot -pVaultOnly12345 mariadb:\n`,
    );
    expect(out).toBe(
      [
        "$ cat secrets.yaml",
        "mariadb:",
        "  root_pw: [REDACTED secrets.yaml:mariadb.root_pw]",
        "horizon:",
        "  secret_key: [REDACTED secrets.yaml:horizon.secret_key]",
        "$ mysql -uroot -p[REDACTED secrets.yaml:mariadb.root_pw] mariadb:",
        "",
      ].join("\n"),
    );
  });

  it("reads a YAML file registered as plain by its values, never by its whole lines", () => {
    const p = file("secrets.yaml", VAULT_YAML);
    const r = loadSecretSource(p, "plain");
    expect(r.ok && r.secrets).toEqual([
      { value: "VaultOnly12345", label: "secrets.yaml:2" },
      { value: "VaultHorizon777", label: "secrets.yaml:4" },
    ]);
  });

  it("takes the value of a `name: value` or `name = value` line in a plain file", () => {
    const r = load(
      "mixed.txt",
      [
        "first-secret-1",
        "  root_pw: 'VaultOnly12345'",
        "mariadb:",
        "db_password = IniStyle4567",
        "ab=cd12",
        "QmFzZTY0UGFkZGVk==",
        "token: |",
      ].join("\n"),
    );
    expect(r.kind).toBe("plain");
    expect(r.secrets.map((s) => s.value)).toEqual([
      "first-secret-1",
      "VaultOnly12345",
      "IniStyle4567",
      "ab=cd12",
      "QmFzZTY0UGFkZGVk==",
    ]);
  });

  it("takes the lines of a folded or continued value as the file writes them, too", () => {
    const r = load(
      "passwords.yml",
      [
        "g_password: >-",
        "  FoldedLineOne123",
        "  FoldedLineTwo456",
        "h_password: >+",
        "    KeptLineOne123",
        "    KeptLineTwo456",
        "",
        "p_password: PlainLineOne123",
        "  PlainLineTwo456",
        'q_password: "QuotedLineOne123',
        '  QuotedLineTwo456"',
      ].join("\n"),
    );
    expect(r.secrets).toEqual([
      { value: "FoldedLineOne123 FoldedLineTwo456", label: "passwords.yml:g_password" },
      { value: "FoldedLineOne123\nFoldedLineTwo456", label: "passwords.yml:g_password" },
      { value: "KeptLineOne123 KeptLineTwo456\n\n", label: "passwords.yml:h_password" },
      { value: "KeptLineOne123\nKeptLineTwo456", label: "passwords.yml:h_password" },
      { value: "PlainLineOne123 PlainLineTwo456", label: "passwords.yml:p_password" },
      { value: "PlainLineOne123\nPlainLineTwo456", label: "passwords.yml:p_password" },
      { value: "QuotedLineOne123 QuotedLineTwo456", label: "passwords.yml:q_password" },
      { value: "QuotedLineOne123\nQuotedLineTwo456", label: "passwords.yml:q_password" },
    ]);
  });

  it("hides a folded block scalar both as cat prints it and as its value", () => {
    const text =
      "g_password: >-\n  FoldedLineOne123\n  FoldedLineTwo456\nlit_key: |\n  LiteralOne123\n  LiteralTwo456\n";
    const r = load("passwords.yml", text);
    const redactor = createRedactor(r.secrets, { patterns: false });
    const out = redactor.redact(`${text}DEBUG key=FoldedLineOne123 FoldedLineTwo456\n`);
    for (const v of ["FoldedLineOne123", "FoldedLineTwo456", "LiteralOne123", "LiteralTwo456"])
      expect(out).not.toContain(v);
    expect(out).toContain("g_password: >-\n  [REDACTED passwords.yml:g_password]\n  [REDACTED");
    expect(out).toContain("DEBUG key=[REDACTED passwords.yml:g_password]\n");
  });

  it("keeps a one-line value with spaces whole, and its words alone unhidden", () => {
    const r = load("passwords.yml", "spaced_password: alpha-one bravo-two\n");
    expect(r.secrets).toEqual([
      { value: "alpha-one bravo-two", label: "passwords.yml:spaced_password" },
    ]);
    const redactor = createRedactor(r.secrets, { patterns: false });
    expect(redactor.redact("bravo-two alpha-one")).toBe("bravo-two alpha-one");
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
    ["secrets.yaml", "mariadb:\n  root_pw: VaultOnly12345\n", "yaml-file"],
    ["tokens.yml", "- FirstToken1\n- SecondToken2\n", "yaml-file"],
    ["settings.json", '{"db": {"pw": "JsonPw12345"}}', "yaml-file"],
    ["vault-pass", "Sup3r:S3cret#1\n", "plain"],
    ["vault-pass", "4DMxG7op/+gh8lC5cx@:\n", "plain"],
    ["names.yml", "mariadb:\nhorizon:\n", "plain"],
    ["two.txt", "first-secret-1\nroot_pw: VaultOnly12345\n", "plain"],
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

describe("an openrc registered as a secret source", () => {
  it("hides OS_PASSWORD but not the client's settings (kolla's admin-openrc.sh)", () => {
    const text = [
      "# Ansible managed",
      "export OS_PROJECT_DOMAIN_NAME='Default'",
      "export OS_USERNAME='admin'",
      "export OS_PASSWORD='Kx9AdminPw77q'",
      "export OS_AUTH_URL='http://10.0.0.10:5000'",
      "export OS_INTERFACE='internal'",
      "export OS_ENDPOINT_TYPE='internalURL'",
      "export OS_IDENTITY_API_VERSION='3'",
      "export OS_REGION_NAME='RegionOne'",
      "export OS_AUTH_PLUGIN='password'",
      "export OS_SYSTEM_SCOPE='all'",
      "export MY_OWN_TOKEN_FILE_SECRET='LocalSecret123'",
    ].join("\n");
    const r = loadSecretSource("/etc/kolla/admin-openrc.sh", undefined, () => text);
    if (!r.ok) throw r.error;
    expect(r.secrets.map((s) => s.value).sort()).toEqual(["Kx9AdminPw77q", "LocalSecret123"]);
    const redactor = createRedactor(r.secrets);
    expect(redactor.redact("cat /etc/kolla/passwords.yml; openstack --os-auth-type password")).toBe(
      "cat /etc/kolla/passwords.yml; openstack --os-auth-type password",
    );
  });
});

describe("a plain secrets file with comments", () => {
  it("gives the values, not the comments, section headers or comment lines", () => {
    const text = [
      "# secrets of the app",
      "[client]",
      "with_comment: RomeoValue1  # the prod one",
      "api = UniformTok456 # staging",
      "BareLineValue77",
    ].join("\n");
    const r = loadSecretSource("/srv/app/secrets.txt", "plain", () => text);
    if (!r.ok) throw r.error;
    expect(r.secrets.map((s) => s.value)).toEqual([
      "RomeoValue1",
      "UniformTok456",
      "BareLineValue77",
    ]);
  });
});
