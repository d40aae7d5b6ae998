/**
 * A corpus of planted secrets for tests at every level: source files to register, an
 * environment, the raw values that must never reach the store or a published page, and
 * look-alikes that must survive verbatim. Deterministic: the same corpus on every call.
 */
export interface PlantedCorpus {
  files: { name: string; text: string }[];
  env: Record<string, string>;
  /** Raw values that must never appear in anything stacklog writes. */
  planted: string[];
  /** The kinds the planted values cover. */
  kinds: string[];
  /** Lines as logs show them, each holding one planted value in its usual context. */
  contexts: { kind: string; line: string; value: string }[];
  /** Text that looks like a secret but is not, and must survive redaction verbatim. */
  lookalikes: string[];
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

function generator(seed: number): (n: number, alphabet?: string) => string {
  let s = seed;
  return (n, alphabet = ALNUM) => {
    let out = "";
    for (let i = 0; i < n; i++) {
      s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
      out += alphabet[s % alphabet.length];
    }
    return out;
  };
}

const KOLLA_KEYS = [
  "database_password",
  "keystone_admin_password",
  "keystone_database_password",
  "rabbitmq_password",
  "nova_database_password",
  "nova_keystone_password",
  "neutron_keystone_password",
  "glance_keystone_password",
  "cinder_keystone_password",
  "placement_keystone_password",
  "heat_domain_admin_password",
  "horizon_secret_key",
  "memcache_secret_key",
  "metadata_secret",
  "osprofiler_secret",
  "barbican_crypto_key",
  "designate_rndc_key",
  "rabbitmq_cluster_cookie",
  "etcd_cluster_token",
  "prometheus_bcrypt_salt",
  "octavia_ca_password",
  "grafana_admin_password",
  "mariadb_backup_database_password",
  "keystone_federation_openid_crypto_password",
  "ironic_inspector_keystone_password",
];

/** The planted-secrets corpus (see `PlantedCorpus`). */
export function plantedSecrets(): PlantedCorpus {
  const gen = generator(20240917);
  const contexts: PlantedCorpus["contexts"] = [];
  const plant = (kind: string, value: string, line: string) => {
    contexts.push({ kind, line, value });
    return value;
  };
  const files: PlantedCorpus["files"] = [];

  // kolla passwords.yml: top-level values, and nested mappings.
  const kolla = KOLLA_KEYS.map((k) => [k, gen(40)] as const);
  const pem = privateKey(gen);
  const fedSecret = gen(32);
  const cephInKolla = `AQ${gen(36, `${ALNUM}+/`)}==`;
  for (const [k, v] of kolla) plant("kolla-password", v, `${k}: ${v}`);
  plant("kolla-nested", fedSecret, `    client_secret: ${fedSecret}`);
  plant("kolla-nested", cephInKolla, `  cinder: ${cephInKolla}`);
  plant("kolla-nested", pem, pem);
  files.push({
    name: "passwords.yml",
    text: [
      "---",
      ...kolla.map(([k, v]) => `${k}: ${v}`),
      "cinder_rbd_secret_uuid: 0b3d4a2e-6c1f-4e0a-9f1e-2a7b3c4d5e6f",
      "docker_registry_password:",
      "keystone_federation_openid:",
      `  client_secret: ${fedSecret}`,
      "  scopes: [openid, email]",
      "ceph_keys:",
      `  cinder: ${cephInKolla}`,
      "nova_ssh_key:",
      "  private_key: |",
      ...pem.split("\n").map((l) => `    ${l}`),
      `  public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${gen(43)} kolla@deploy`,
      "",
    ].join("\n"),
  });

  // clouds.yaml and secure.yaml: passwords and application-credential secrets of every cloud.
  const cloudPw = [gen(24), gen(24)];
  const appSecret = gen(86, `${ALNUM}-_`);
  const securePw = gen(20);
  plant("clouds-password", cloudPw[0] as string, `password: ${cloudPw[0]}`);
  plant("clouds-password", cloudPw[1] as string, `password: ${cloudPw[1]}`);
  plant("app-credential-secret", appSecret, `| secret       | ${appSecret} |`);
  plant("secure-password", securePw, `password: ${securePw}`);
  files.push({ name: "clouds.yaml", text: cloudsYaml(cloudPw, appSecret) });
  files.push({
    name: "secure.yaml",
    text: `clouds:\n  research:\n    auth:\n      password: "${securePw}"\n`,
  });

  // An openrc file and the environment.
  const rcPw = gen(18);
  plant("env-file", rcPw, `export OS_PASSWORD='${rcPw}'`);
  files.push({
    name: "admin-openrc.sh",
    text: `export OS_AUTH_URL=https://cloud.example.org:5000/v3\nexport OS_USERNAME=admin\nexport OS_PASSWORD='${rcPw}'\nexport OS_PROJECT_NAME=admin\n`,
  });
  const fernet = `gAAAAABn${gen(176, `${ALNUM}-_`)}`;
  const env: Record<string, string> = {
    OS_PASSWORD: gen(22),
    OS_APPLICATION_CREDENTIAL_SECRET: gen(86, `${ALNUM}-_`),
    OS_TOKEN: fernet,
    OS_IDENTITY_PROVIDER_SECRET: gen(30),
  };
  for (const [k, v] of Object.entries(env)) plant("env", v, `${k}=${v}`);

  // Values that patterns recognise by their shape or their context; they are also listed in a
  // plain source file, so that a value is caught even where it stands alone (a note).
  const extra: string[] = [];
  const both = (kind: string, value: string, line: string) => extra.push(plant(kind, value, line));
  const t1 = gen(32, "0123456789abcdef");
  const t2 = gen(32, "0123456789abcdef");
  both(
    "x-auth-token",
    t1,
    `curl -s -H "X-Auth-Token: ${t1}" https://cloud.example.org:8774/v2.1/servers`,
  );
  both("x-subject-token", t2, `RESP: [201] X-Subject-Token: ${t2} Vary: X-Auth-Token`);
  const db = gen(28);
  both("mysql-url", db, `connection = mysql+pymysql://nova:${db}@10.0.0.5:3306/nova`);
  const r1 = gen(26);
  const r2 = gen(26);
  both(
    "rabbit-url",
    r1,
    `transport_url = rabbit://openstack:${r1}@ctl01:5672,openstack:${r2}@ctl02:5672//`,
  );
  both(
    "rabbit-url",
    r2,
    `transport_url = rabbit://openstack:${r1}@ctl01:5672,openstack:${r2}@ctl02:5672//`,
  );
  const amqp = gen(21);
  both("amqp-url", amqp, `notify: amqp://guest:${amqp}@mq.internal:5672/`);
  const http = gen(19);
  both("http-basic-url", http, `fetch https://admin:${http}@registry.example.org/v2/`);
  const ini = gen(25);
  both("ini-password-line", ini, `password = ${ini}`);
  const yml = gen(25);
  both("yaml-secret-line", yml, `\x1b[0;33m  ldap_bind_secret: "${yml}"\x1b[0m`);
  const tok = gen(40);
  both("env-token-line", tok, `GITHUB_TOKEN=${tok}`);
  const flag = gen(17);
  both("cli-flag", flag, `openstack --os-password ${flag} server list`);
  // Arguments that only their command marks, as upgrade runbooks type them.
  const dump = gen(20);
  both(
    "mysql-p-argument",
    dump,
    `mysqldump --single-transaction -uroot -p${dump} --all-databases > /backup/all.sql`,
  );
  const mgmt = gen(22);
  both("curl-user", mgmt, `curl -sk -u admin:${mgmt} https://ctl01:15672/api/overview`);
  const rmq = gen(23);
  both(
    "rabbitmqctl-password",
    rmq,
    `docker exec rabbitmq rabbitmqctl change_password openstack ${rmq}`,
  );
  const item = gen(24);
  both(
    "ansible-item-value",
    item,
    `\x1b[0;32mok: [ctl01] => (item={'key': 'nova_database_password', 'value': '${item}'})\x1b[0m`,
  );
  files.push({ name: "extra-secrets.txt", text: `${extra.join("\n")}\n` });

  // Shape alone gives these away.
  plant("fernet-token", fernet, `X-Subject-Token: ${fernet}`);
  const ceph = `AQ${gen(36, `${ALNUM}+/`)}==`;
  plant("ceph-key", ceph, `[client.glance]\n\tkey = ${ceph}`);
  const hvs = `hvs.${gen(95, `${ALNUM}_-`)}`;
  plant("vault-token", hvs, `export VAULT_TOKEN=${hvs}`);
  const legacy = `s.${gen(24)}`;
  plant("vault-token", legacy, `token             ${legacy}`);

  // Transforms of known values.
  const encoded = encodeURIComponent(`${gen(8)}/+${gen(8)}@:`);
  files.push({ name: "special.txt", text: `${decodeURIComponent(encoded)}\n` });
  plant("url-encoded", encoded, `connection = mysql+pymysql://keystone:${encoded}@db/keystone`);
  const b64 = Buffer.from(kolla[0]?.[1] as string).toString("base64");
  plant("base64", b64, `data: {password: ${b64}}`);

  const planted = [...new Set(contexts.map((c) => c.value))];
  const kinds = [...new Set(contexts.map((c) => c.kind))];
  return { files, env, planted, kinds, contexts, lookalikes: LOOKALIKES };
}

function privateKey(gen: (n: number, a?: string) => string): string {
  const b64 = `${ALNUM}+/`;
  const body = Array.from({ length: 6 }, () => gen(70, b64));
  return [
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW${gen(2)}`,
    ...body,
    "-----END OPENSSH PRIVATE KEY-----",
  ].join("\n");
}

function cloudsYaml(pw: string[], appSecret: string): string {
  return `clouds:
  kolla-admin:
    auth:
      auth_url: https://cloud.example.org:5000/v3
      username: admin
      password: ${pw[0]}
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
  kolla-system:
    auth:
      auth_url: https://cloud.example.org:5000/v3
      username: system-admin
      password: '${pw[1]}'
  research:
    auth_type: v3applicationcredential
    auth:
      auth_url: https://cloud.example.org:5000/v3
      application_credential_id: 21ab9b6f4e3f4c16a9c8b1d2e3f40516
      application_credential_secret: ${appSecret}
`;
}

const LOOKALIKES = [
  "password_expires_at: 2026-01-01T00:00:00.000000",
  '"password_expires_at": null,',
  "token_expiration = 3600",
  "[key_manager]",
  "key_manager: barbican",
  "secret_key_ref: null",
  'password: "{{ vault_database_password }}"',
  "database_password: \"{{ lookup('env', 'DB_PASSWORD') }}\"",
  "\x1b[0;33mchanged: [ctl01] => (item={'key': 'nova-api', 'value': {'container_name': 'nova_api', 'enabled': True}})\x1b[0m",
  '"password": "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER",',
  '"censored": "the output has been hidden due to the fact that \'no_log: true\' was specified for this result"',
  "keystone_token_provider: 'fernet'",
  "ssl_key = /etc/kolla/certs/haproxy.key",
  "rbd_secret_uuid = 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
  "transport_url = rabbit://openstack@ctl01:5672//",
  "auth_url = http://ctl01:5000/v3",
  "export OS_PASSWORD=$ADMIN_PASSWORD",
  "TASK [keystone : Creating admin project, user, role, service, and endpoint] ****",
  "public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOq2l0Bz9f1Yc4mM3rQ1mP8dZt0aXbKcLwS5eVjH7nF4 ops@bastion",
  "sort_key: created_at",
  "X-Auth-Token: {SHA256}3f786850e387550fdab836ed7e6dc881de23001b",
  "update_password: on_create",
  "password_lock: false",
  "mysql -h 10.0.0.5 -P3306 -u root -p nova",
  "curl -u admin https://ctl01:15672/api/overview",
  "docker exec rabbitmq rabbitmqctl list_users",
  "ok: [ctl01] => (item={'key': 'nova_api_listen_port', 'value': '8774'})",
];
