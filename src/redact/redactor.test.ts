import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createRedactor,
  findKnownSecrets,
  type KnownSecret,
  loadSecretSource,
  secretsFromEnv,
} from "./index.js";
import { plantedSecrets } from "./test-corpus.js";

const corpus = plantedSecrets();

// The corpus's files loaded the way the CLI loads registered sources.
function corpusSecrets(): KnownSecret[] {
  const dir = mkdtempSync(join(tmpdir(), "stacklog-corpus-"));
  try {
    const secrets = secretsFromEnv(corpus.env);
    for (const f of corpus.files) {
      const p = join(dir, f.name);
      writeFileSync(p, f.text);
      const r = loadSecretSource(p);
      if (!r.ok) throw r.error;
      secrets.push(...r.secrets);
    }
    return secrets;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const secrets = corpusSecrets();
const full = createRedactor(secrets);
const patternsOnly = createRedactor([]);

describe("the planted corpus", () => {
  it("holds at least 50 values of at least 12 kinds", () => {
    expect(corpus.planted.length).toBeGreaterThanOrEqual(50);
    expect(corpus.kinds.length).toBeGreaterThanOrEqual(12);
  });

  it("leaves no planted value in text holding them bare, in context and among look-alikes", () => {
    const text = [
      ...corpus.planted,
      ...corpus.contexts.map((c) => c.line),
      ...corpus.lookalikes,
    ].join("\n");
    const out = full.redact(text);
    for (const v of corpus.planted) expect(out.includes(v), v).toBe(false);
  });

  it("keeps every look-alike verbatim", () => {
    const out = full.redact(corpus.lookalikes.join("\n"));
    for (const l of corpus.lookalikes) expect(out, l).toContain(l);
  });

  it("catches every in-context value by pattern alone, except names patterns do not know", () => {
    const byValueOnly = new Set(["kolla-nested", "url-encoded"]);
    for (const c of corpus.contexts.filter((c) => !byValueOnly.has(c.kind))) {
      expect(patternsOnly.redact(c.line).includes(c.value), `${c.kind}: ${c.line}`).toBe(false);
    }
  });
});

describe("replacements", () => {
  const db: KnownSecret = { value: "Sup3rS3cretDbPass", label: "passwords.yml:database_password" };
  const r = createRedactor([db]);

  it("names the known value that was hidden, in preference to the pattern that also matched", () => {
    expect(r.redact(`database_password: ${db.value}\n`)).toBe(
      "database_password: [REDACTED passwords.yml:database_password]\n",
    );
    expect(r.redact(`mysql+pymysql://nova:${db.value}@db/nova`)).toBe(
      "mysql+pymysql://nova:[REDACTED passwords.yml:database_password]@db/nova",
    );
  });

  it("names the pattern when no known value matched", () => {
    const fernet = `gAAAAABn${"a1B2".repeat(40)}`;
    expect(r.redact(`token ${fernet} issued`)).toBe("token [REDACTED fernet-token] issued");
    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----";
    expect(r.redact(`a\n${key}\nb`)).toBe("a\n[REDACTED private-key]\nb");
  });

  it("catches the URL-encoded and base64 forms of a known value", () => {
    const odd: KnownSecret = { value: "p@ss/w0rd+42", label: "clouds.yaml:c.auth.password" };
    const ro = createRedactor([odd], { patterns: false });
    expect(ro.redact(`x ${encodeURIComponent(odd.value)} y`)).toBe(
      "x [REDACTED clouds.yaml:c.auth.password] y",
    );
    const basic = Buffer.from(`admin:${odd.value}`).toString("base64");
    expect(ro.redact(`Authorization: Basic ${basic}`)).not.toContain(basic.slice(8, 20));
    expect(ro.redact(Buffer.from(odd.value).toString("base64"))).toBe(
      "[REDACTED clouds.yaml:c.auth.password]",
    );
  });

  it("keeps ANSI colour codes around and inside a redacted line", () => {
    const line = "\x1b[0;33m  rabbitmq_password: \x1b[1mhunter2hunter2\x1b[0m done";
    expect(patternsOnly.redact(line)).toBe(
      "\x1b[0;33m  rabbitmq_password: \x1b[1m[REDACTED password]\x1b[0m done",
    );
  });

  it("hides every host's password in a rabbit transport URL", () => {
    const url =
      "rabbit://openstack:aaaa1111@h1:5672,openstack:bbbb2222@h2:5672,nova:cccc3333@h3:5672//";
    expect(patternsOnly.redact(url)).toBe(
      "rabbit://openstack:[REDACTED url-password]@h1:5672,openstack:[REDACTED url-password]@h2:5672,nova:[REDACTED url-password]@h3:5672//",
    );
  });

  it("keeps positions right after characters that lower-case to two", () => {
    expect(patternsOnly.redact("İİİ password = hunter2hunter2 İ")).toBe(
      "İİİ password = [REDACTED password] İ",
    );
  });

  it("keeps look-alikes verbatim with patterns alone", () => {
    for (const l of corpus.lookalikes) expect(patternsOnly.redact(l)).toBe(l);
  });

  it("hides a key whose footer never came, and the base64 lines after its header", () => {
    const text =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAx1y2z3\nQWERTYUIOPASDFGHJKL0\nnext words";
    expect(patternsOnly.redact(text)).toBe("[REDACTED private-key]\nnext words");
  });

  it("counts the strings it searches for, encodings included", () => {
    expect(r.knownCount).toBeGreaterThan(1);
    expect(createRedactor([{ value: "short", label: "x" }]).knownCount).toBe(0);
  });
});

describe("findKnownSecrets", () => {
  it("says where known values and their encodings still appear", () => {
    const s: KnownSecret[] = [{ value: "leaked-value-1", label: "env:OS_PASSWORD" }];
    const text = `ok\nleaked-value-1 and ${Buffer.from("leaked-value-1").toString("base64")}`;
    expect(findKnownSecrets(text, s)).toEqual([
      { label: "env:OS_PASSWORD", index: 3 },
      { label: "env:OS_PASSWORD", index: 22 },
    ]);
    expect(findKnownSecrets("nothing here", s)).toEqual([]);
  });
});

describe("patternSecrets", () => {
  it("gives the values the patterns hide, labelled as their replacement says, and no shell expansions", () => {
    const r = createRedactor([]);
    const line =
      'export OS_PASSWORD=HunterTwo2Secret; openstack --os-token OsTok_abcdef123 --os-password "$OS_PASSWORD" mysql+pymysql://nova:N0vaDbPass@db/nova';
    expect(r.patternSecrets(line)).toEqual([
      { value: "HunterTwo2Secret", label: "password" },
      { value: "OsTok_abcdef123", label: "token" },
      { value: "N0vaDbPass", label: expect.any(String) },
    ]);
    // what it gives back hides the same values, anywhere
    const learned = createRedactor(r.patternSecrets(line));
    expect(learned.redact("echo HunterTwo2Secret N0vaDbPass")).not.toMatch(/HunterTwo2|N0vaDb/);
    expect(r.patternSecrets("echo nothing to see; ls -l")).toEqual([]);
  });
});

describe("a private key whose lines are known values", () => {
  it("keeps its line breaks and indentation, each line replaced by its label", () => {
    const key = (corpus.contexts.find((c) => c.kind === "kolla-nested" && c.value.includes("BEGIN"))
      ?.value ?? "") as string;
    const text = `nova_ssh_key:\n  private_key: |\n${key
      .split("\n")
      .map((l) => `    ${l}`)
      .join("\n")}\n  public_key: none\n`;
    const out = full.redact(text);
    const lines = out.split("\n");
    expect(lines).toHaveLength(text.split("\n").length);
    for (const l of lines.slice(2, -2)) expect(l).toMatch(/^ {4}\[REDACTED [^\]]+\]$/);
    expect(out).not.toContain("OPENSSH");
  });
});

describe("known values in URL-encoded forms", () => {
  it("are found however the encoder treats ! ' ( ) * and spaces", () => {
    const value = `p@ss:w;rd"'xRoot (Maria)*!`;
    const r = createRedactor([{ value, label: "passwords.yml:mariadb_root_pass" }]);
    const python = "p%40ss%3Aw%3Brd%22%27xRoot+%28Maria%29%2A%21"; // urllib.parse.quote_plus
    const js = encodeURIComponent(value);
    for (const form of [python, python.replace("+", "%20"), js]) {
      expect(r.redact(`urlenc: ${form}`)).toBe(
        "urlenc: [REDACTED passwords.yml:mariadb_root_pass]",
      );
    }
  });
});
