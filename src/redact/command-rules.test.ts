import { describe, expect, it } from "vitest";
import { createRedactor } from "./index.js";

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
  ])("leaves alone: %s", (line) => {
    expect(r.redact(line)).toBe(line);
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
