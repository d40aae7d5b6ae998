import { describe, expect, it } from "vitest";
import { createRedactor } from "./index.js";
import { SHORT_TEXT } from "./redactor.js";

const r = createRedactor([]);
const H = "[REDACTED password]";

describe("passwords given as command arguments", () => {
  it.each([
    ["mysql -u root -pS3cretValue99 nova", `mysql -u root -p${H} nova`],
    ["mysqldump -uroot -p'S3 cret v' --all-databases", `mysqldump -uroot -p'${H}' --all-databases`],
    [
      "docker exec mariadb mysql -h 10.0.0.5 -u root -pS3cretValue99 -e 'SHOW DATABASES'",
      `docker exec mariadb mysql -h 10.0.0.5 -u root -p${H} -e 'SHOW DATABASES'`,
    ],
    ["/usr/bin/mariadb -pS3cretValue99 -u root", `/usr/bin/mariadb -p${H} -u root`],
    [
      "curl -sk -u admin:S3cretValue99 https://ctl01:15672",
      `curl -sk -u admin:${H} https://ctl01:15672`,
    ],
    ["curl --user=admin:S3cretValue99 https://x", `curl --user=admin:${H} https://x`],
    ["curl -u 'admin:S3 cret' https://x", `curl -u 'admin:${H}' https://x`],
    ["rabbitmqctl add_user openstack S3cretValue99", `rabbitmqctl add_user openstack ${H}`],
    [
      "docker exec rabbitmq rabbitmqctl change_password openstack S3cretValue99",
      `docker exec rabbitmq rabbitmqctl change_password openstack ${H}`,
    ],
    // found from the command's name: command lines, notes, titles
    ["mysql -pS3cretValue99", `mysql -p${H}`],
    ["mysql -h db -P 3306 -pS3cretValue99 nova", `mysql -h db -P 3306 -p${H} nova`],
    ["sudo /usr/bin/mysqldump -pS3cretValue99 --all", `sudo /usr/bin/mysqldump -p${H} --all`],
    ["sshpass -p S3cretValue99 ssh -p 2222 ctl01", `sshpass -p ${H} ssh -p 2222 ctl01`],
    ["sshpass -pS3cretValue99 scp f ctl01:", `sshpass -p${H} scp f ctl01:`],
    ["redis-cli -h ctl01 -a S3cretValue99 ping", `redis-cli -h ctl01 -a ${H} ping`],
    [
      "rabbitmqctl authenticate_user openstack S3cretValue99",
      `rabbitmqctl authenticate_user openstack ${H}`,
    ],
    [
      "ipmitool -I lanplus -H bmc01 -U admin -P S3cretValue99 power status",
      `ipmitool -I lanplus -H bmc01 -U admin -P ${H} power status`,
    ],
    [
      "ipmitool -H bmc01 -PS3cretValue99 -p 623 sel list",
      `ipmitool -H bmc01 -P${H} -p 623 sel list`,
    ],
    ["ipmitool user set password 2 S3cretValue99", `ipmitool user set password 2 ${H}`],
    [
      "racadm -r idrac01 -u root -p S3cretValue99 getsysinfo",
      `racadm -r idrac01 -u root -p ${H} getsysinfo`,
    ],
    ["docker login -u bob -p S3cretValue99 quay.io", `docker login -u bob -p ${H} quay.io`],
    ["podman login -pS3cretValue99 registry.local", `podman login -p${H} registry.local`],
    [
      "htpasswd -b /etc/kolla/htpasswd admin S3cretValue99",
      `htpasswd -b /etc/kolla/htpasswd admin ${H}`,
    ],
    ["htpasswd -C 10 -nbB admin S3cretValue99", `htpasswd -C 10 -nbB admin ${H}`],
    ["note: ran mysql -pS3cretValue99 by mistake", `note: ran mysql -p${H} by mistake`],
  ])("%s", (line, want) => {
    expect(r.redact(line)).toBe(want);
  });

  it.each([
    "mysql -h 10.0.0.5 -P3306 -u root -p nova", // -p alone: the client asks
    "curl -u admin https://ctl01:15672/api/overview", // no password: curl asks
    "docker exec rabbitmq rabbitmqctl list_users",
    "kolla-mysql -u root -pNotTheClient",
    "echo -u done; mysql_upgrade -pNotAClient",
    "mysql -u root -p$DB_PASSWORD nova",
    "docker ps -p",
    "docker exec -u root nova_api ls",
    "ssh -p 2222 ctl01",
    "overwhelm -p NotACommand1",
    "ipmitool -I lanplus -H bmc01 -U admin -E power status", // password from the environment
    "htpasswd -v /etc/kolla/htpasswd admin",
    "redis-cli -h ctl01 ping",
  ])("leaves alone: %s", (line) => {
    expect(r.redact(line)).toBe(line);
  });
});

describe("a value a pattern hides", () => {
  it("is hidden wherever else the same text shows it", () => {
    expect(r.redact("export OS_PASSWORD=S3cretValue99; echo S3cretValue99 > /tmp/pw")).toBe(
      `export OS_PASSWORD=${H}; echo ${H} > /tmp/pw`,
    );
    expect(r.redact(`mysql -pS3cretValue99 -e "SET PASSWORD = 'S3cretValue99'"`)).not.toContain(
      "S3cretValue99",
    );
  });
});

describe("passwords as command arguments in output", () => {
  const streamed = (text: string) => {
    const s = r.stream();
    return s.push(text) + s.flush();
  };

  it("finds those whose command has a user flag (-u) in a stream", () => {
    const out = streamed(
      `${"x".repeat(70_000)}\n+ ipmitool -I lanplus -H bmc01 -U admin -P S3cretValue99 power on\n`,
    );
    expect(out).toContain(`-P ${H} power on`);
    expect(out).not.toContain("S3cretValue99");
  });

  it("keeps the short-text rules to texts of at most SHORT_TEXT units", () => {
    // Documented: output (a stream, or one text longer than SHORT_TEXT) is not searched from
    // command names; the value a command line gives is known in that command's output instead.
    const line = "+ mysql -pS3cretValue99\n";
    expect(r.redact(line)).toBe(`+ mysql -p${H}\n`);
    expect(streamed(line)).toBe(line);
    expect(r.redact("x".repeat(SHORT_TEXT) + line)).toContain("S3cretValue99");
  });
});

describe("items of Ansible loops over a mapping", () => {
  it("hides the value of a secret key, in Python and JSON form, and nothing else", () => {
    expect(
      r.redact(
        "ok: [ctl01] => (item={'key': 'nova_database_password', 'value': 'Kx9dbPassQwerty77'})",
      ),
    ).toBe(
      "ok: [ctl01] => (item={'key': 'nova_database_password', 'value': '[REDACTED password]'})",
    );
    expect(r.redact('{"key": "keystone_admin_password", "value": "Jsonval12345"}')).toBe(
      '{"key": "keystone_admin_password", "value": "[REDACTED password]"}',
    );
    for (const line of [
      "ok: [ctl01] => (item={'key': 'nova_api_listen_port', 'value': '8774'})",
      "changed: [ctl01] => (item={'key': 'nova-api', 'value': {'container_name': 'nova_api'}})",
      "ok: [ctl01] => (item={'key': 'database_password', 'value': '{{ vault_db }}'})",
    ])
      expect(r.redact(line)).toBe(line);
  });
});

describe("a command continued over lines", () => {
  it.each([
    "ipmitool -I lanplus -H 10.0.0.5 -U admin \\\n  -P Ipmi777pw power status",
    "sh -c 'mysql -uroot \\\n  -pCont111pw -e \"select 1\"'",
    "sshpass \\\n  -p Cont222pw ssh ctl01",
    "redis-cli -h ctl01 \\\n  -a Cont333pw ping",
  ])("is searched as the shell reads it: %j", (line) => {
    const out = r.redact(line);
    expect(out).toContain("[REDACTED password]");
    expect(out).not.toMatch(/Ipmi777pw|Cont\d{3}pw/);
    expect(out.split("\\\n")).toHaveLength(2); // written as it was typed
  });
});
