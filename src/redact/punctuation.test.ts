import { describe, expect, it } from "vitest";
import { createRedactor } from "./index.js";

// Passwords hold punctuation, and where they are written decides where they end: a config
// file's value runs to the end of its line, a command line's is a shell word, a URL's password
// runs to its `@`.
const r = createRedactor([]);

describe("values holding punctuation", () => {
  it.each([
    ["password = Pa)ssw0rd(2024-91", "password = [REDACTED password]"],
    ["memcache_secret_key = Mc|Secret|92", "memcache_secret_key = [REDACTED key]"],
    ['  password: ab"cd82', "  password: [REDACTED password]"],
    ["sq_password: 'It''sPw97x'", "sq_password: '[REDACTED password]'"],
    ['OS_PASSWORD=ab"cd86', "OS_PASSWORD=[REDACTED password]"],
    [
      "connection = mysql+pymysql://nova:Nv,Db;Pw90@10.0.0.5/nova",
      "connection = mysql+pymysql://nova:[REDACTED url-password]@10.0.0.5/nova",
    ],
    [
      "transport_url = rabbit://openstack:Rb'Pw93@h1:5672,openstack:Rb2Pw94x@h2:5672//",
      "transport_url = rabbit://openstack:[REDACTED url-password]@h1:5672,openstack:[REDACTED url-password]@h2:5672//",
    ],
    [
      "openstack --os-password Esc\\$Pw\\&Tail77 server list",
      "openstack --os-password [REDACTED password] server list",
    ],
    ["echo OS_PASSWORD=Pre\\ Space\\ Pw78", "echo OS_PASSWORD=[REDACTED password]"],
    ["mysql -u root -pAb\\;Cd79 nova", "mysql -u root -p[REDACTED password] nova"],
    // a name=value inside a quoted string ends at white space or the string's end, not at `;`
    [
      "kolla-ansible -e 'database_password=Ab;cd1234' deploy",
      "kolla-ansible -e 'database_password=[REDACTED password]' deploy",
    ],
    [
      "ansible-playbook -e 'db_password=Ab;cd1234 other=1' site.yml",
      "ansible-playbook -e 'db_password=[REDACTED password] other=1' site.yml",
    ],
    [
      "bash -c 'export OS_PASSWORD=S3cretVal; echo hi'",
      "bash -c 'export OS_PASSWORD=[REDACTED password]; echo hi'",
    ],
  ])("%s", (line, want) => {
    expect(r.redact(line)).toBe(want);
  });

  it.each([
    "sed -i 's/^password = .*/password = NewPw1234/' /etc/kolla/config/nova.conf",
    "sed -i 's/password = OldPw5678/password = NewPw1234/' nova.conf",
  ])("hides an assignment after a / in a sed expression: %s", (line) => {
    const out = r.redact(line);
    expect(out).not.toContain("NewPw1234");
    expect(out).not.toContain("OldPw5678");
  });

  it.each([
    [
      "bash -c 'mysql -uroot -pQuotedMyPw43 -e x'",
      "bash -c 'mysql -uroot -p[REDACTED password] -e x'",
    ],
    [
      'ssh ctl01 "rabbitmqctl change_password openstack QuotedRmqPw42"',
      'ssh ctl01 "rabbitmqctl change_password openstack [REDACTED password]"',
    ],
    ["PGPASSWORD=PgPw26x psql -h db", "PGPASSWORD=[REDACTED password] psql -h db"],
  ])("%s", (text, want) => {
    expect(r.redact(text)).toBe(want);
  });

  it("ends a command line's value where the shell ends the word, and a JSON string's at its quote", () => {
    expect(r.redact('export OS_PASSWORD=Hunter2Secret; echo "$OS_PASSWORD"')).toBe(
      'export OS_PASSWORD=[REDACTED password]; echo "$OS_PASSWORD"',
    );
    expect(
      r.redact('"cmd": "openstack --os-password S3cretXyz --os-username admin", "rc": 0'),
    ).toBe('"cmd": "openstack --os-password [REDACTED password] --os-username admin", "rc": 0');
  });

  it.each([
    [
      `bash -c 'x; echo "admin_password = IniPw888def"'`,
      `bash -c 'x; echo "admin_password = [REDACTED password]"'`,
    ],
    [
      `bash -c 'x; echo "admin_password = Pa)ss;w0rd" >> /etc/x.conf'`,
      `bash -c 'x; echo "admin_password = [REDACTED password]" >> /etc/x.conf'`,
    ],
    [
      `ssh ctl01 "echo 'database_password: Yml;Pw55' > vars.yml"`,
      `ssh ctl01 "echo 'database_password: [REDACTED password]' > vars.yml"`,
    ],
    [
      '{"cmd": "echo \\"admin_password = IniPw888def\\"", "rc": 0}',
      '{"cmd": "echo \\"admin_password = [REDACTED password]\\"", "rc": 0}',
    ],
    [
      '"stdout": "password: JsonPw123\\nport: 3306"',
      '"stdout": "password: [REDACTED password]\\nport: 3306"',
    ],
    [`"it's password = Secret123" done`, `"it's password = [REDACTED password]" done`],
  ])("ends a value inside a quoted string with the string: %s", (text, want) => {
    expect(r.redact(text)).toBe(want);
  });

  it.each([
    ["password = Pa)ss;w0rd", "password = [REDACTED password]"],
    ["password = ab\"cd'ef", "password = [REDACTED password]"],
    ["  db_password: Pa)ss;w0rd  ", "  db_password: [REDACTED password]  "],
    [
      "/etc/kolla/nova/nova.conf:password = Pa)ss;w0rd",
      "/etc/kolla/nova/nova.conf:password = [REDACTED password]",
    ],
    ["nova.conf:12:password = Pa)ss;w0rd", "nova.conf:12:password = [REDACTED password]"],
    [
      "/etc/kolla/passwords.yml:database_password: Pa)ss;w0rd",
      "/etc/kolla/passwords.yml:database_password: [REDACTED password]",
    ],
  ])(
    "runs a config line's value to the end of the line, in grep's output too: %s",
    (text, want) => {
      expect(r.redact(text)).toBe(want);
    },
  );

  it("leaves URLs without a password alone", () => {
    for (const t of ["auth_url = http://ctl01:5000/v3", "see http://host:8080/path?email=a@b"])
      expect(r.redact(t)).toBe(t);
  });

  it("finds a known value in its YAML single-quoted and shell-escaped forms", () => {
    const known = createRedactor([{ value: "It's P&w", label: "pw.yml:x" }], { patterns: false });
    expect(known.redact("note: 'It''s P&w'")).toBe("note: '[REDACTED pw.yml:x]'");
    expect(known.redact("echo It\\'s\\ P\\&w")).toBe("echo [REDACTED pw.yml:x]");
  });
});
