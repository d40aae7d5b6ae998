import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detectTool, snapshotConfig } from "./index.js";
import { FIXTURES, tempTree } from "./test-trees.js";

const zed = join(FIXTURES, "kolla-ansible/zed");

function plantedValues(file: string): string[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((l) => /:\s+(\S{6,})$/.exec(l)?.[1])
    .filter((v): v is string => v !== undefined && !v.startsWith("AAAA"));
}

describe("snapshotConfig on a kolla-ansible tree", () => {
  const { snapshot, secrets } = snapshotConfig(zed);

  it("reads release, distro, registry and image tags from globals.yml", () => {
    expect(detectTool(zed)).toBe("kolla-ansible");
    expect(snapshot).toMatchObject({
      tool: "kolla-ansible",
      release: "zed",
      baseDistro: "ubuntu",
      imageRegistry: "registry.example.org:4000",
      imageTags: { openstack: "zed" },
    });
  });

  it("applies kolla's defaults and the operator's switches to the enabled services", () => {
    expect(snapshot.enabledServices).toEqual(
      expect.arrayContaining(["nova", "keystone", "cinder", "cinder_backup"]),
    );
    expect(snapshot.enabledServices).not.toContain("heat");
    expect(snapshot.enabledServices).not.toContain("openstack_core");
  });

  it("resolves groups of groups and host ranges from the INI inventory", () => {
    expect(snapshot.hostsByGroup.control).toEqual(["ctl01", "ctl02", "ctl03"]);
    expect(snapshot.hostsByGroup.network).toEqual(["ctl01", "ctl02", "ctl03"]);
    expect(snapshot.hostsByGroup["nova-compute"]).toEqual(["compute01", "compute02"]);
    expect(snapshot.hostsByGroup.baremetal).toHaveLength(6);
  });

  it("takes interfaces from globals, host lines and [group:vars], and the VIPs", () => {
    expect(snapshot.network.interfaces).toMatchObject({
      network_interface: "eth0",
      "compute01:network_interface": "eth2",
      "compute:neutron_external_interface": "eth3",
    });
    expect(snapshot.network.vips.kolla_internal_vip_address).toBe("10.0.0.250");
  });

  it("reads overrides per service, per file and per host, keeping repeated keys", () => {
    const byFile = Object.fromEntries(snapshot.overrides.map((o) => [o.file, o]));
    expect(byFile["config/nova.conf"]?.sections.filter_scheduler?.enabled_filters).toEqual([
      "ComputeFilter",
      "ImagePropertiesFilter",
    ]);
    expect(byFile["config/nova/nova-compute.conf"]).toMatchObject({ service: "nova", host: null });
    expect(byFile["config/nova/compute01/nova.conf"]).toMatchObject({
      service: "nova",
      host: "compute01",
    });
  });

  it("lists the keys of passwords.yml and returns its values as secrets, never in the snapshot", () => {
    expect(snapshot.secretKeys).toEqual([
      "database_password",
      "keystone_admin_password",
      "nova_ssh_key",
      "rabbitmq_password",
    ]);
    const planted = plantedValues(join(zed, "passwords.yml"));
    expect(planted.length).toBeGreaterThanOrEqual(4);
    expect(secrets.map((s) => s.value)).toEqual(expect.arrayContaining(planted));
    const json = JSON.stringify(snapshot);
    for (const value of planted) expect(json).not.toContain(value);
    expect(snapshot.files.map((f) => f.path)).not.toContain("passwords.yml");
    expect(snapshot.variables.keystone_ldap_bind_secret).toContain("REDACTED");
    expect(snapshot.variables.grafana_dashboard_note).toBe(
      "[REDACTED passwords.yml:rabbitmq_password]",
    );
  });

  it("hashes every file read and keeps its redacted text", () => {
    const globals = snapshot.files.find((f) => f.path === "globals.yml");
    expect(globals?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(globals?.text).toContain("openstack_release");
    expect(snapshot.skipped).toEqual([]);
  });

  it("passes every string through the caller's redactor too", () => {
    const { snapshot: s } = snapshotConfig(zed, {
      redactor: { redact: (t) => t.replaceAll("registry.example.org", "<host>") },
    });
    expect(s.imageRegistry).toBe("<host>:4000");
    expect(JSON.stringify(s)).not.toContain("registry.example.org");
  });
});

describe("snapshotConfig on a Kayobe tree", () => {
  const root = join(FIXTURES, "kayobe");
  const { snapshot, secrets } = snapshotConfig(root);

  it("reads kolla.yml, networks.yml, the inventory and the kolla subtree", () => {
    expect(detectTool(root)).toBe("kayobe");
    expect(snapshot).toMatchObject({
      tool: "kayobe",
      release: "2023.1",
      baseDistro: "rocky",
      imageRegistry: "pulp.example.org:8080",
    });
    expect(snapshot.enabledServices).toEqual(
      expect.arrayContaining(["ironic", "designate", "nova"]),
    );
    expect(snapshot.enabledServices).not.toContain("octavia");
    expect(snapshot.hostsByGroup.overcloud).toEqual(["cn1", "cn2", "ctl1", "ctl2"]);
    expect(snapshot.network.vips.internal_net_vip_address).toBe("10.10.0.5");
    expect(snapshot.network.interfaces["controllers:internal_net_interface"]).toBe("bond0.10");
    expect(snapshot.overrides[0]).toMatchObject({ service: "neutron", host: null });
    expect(snapshot.variables.nova_compute_virt_type).toBe("kvm");
  });

  it("keeps the kolla passwords out of the snapshot", () => {
    expect(snapshot.secretKeys).toEqual(["database_password", "designate_rndc_key"]);
    expect(secrets.length).toBe(2);
    for (const s of secrets) expect(JSON.stringify(snapshot)).not.toContain(s.value);
  });
});

describe("snapshotConfig on an OpenStack-Ansible tree", () => {
  const root = join(FIXTURES, "openstack-ansible");
  const { snapshot, secrets } = snapshotConfig(root);

  it("reads host groups from openstack_user_config.yml and conf.d", () => {
    expect(detectTool(root)).toBe("openstack-ansible");
    expect(snapshot.hostsByGroup["shared-infra"]).toEqual(["infra1", "infra2"]);
    expect(snapshot.hostsByGroup.storage).toEqual(["storage1"]);
    expect(snapshot.enabledServices).toEqual(
      expect.arrayContaining(["galera", "keystone", "nova", "cinder"]),
    );
  });

  it("reads VIPs and provider networks from global_overrides", () => {
    expect(snapshot.network.vips).toMatchObject({
      internal_lb_vip_address: "172.29.236.9",
      external_lb_vip_address: "openstack.example.org",
    });
    expect(snapshot.network.interfaces["provider:physnet1"]).toBe("bond1");
    expect(snapshot.network.interfaces["compute_hosts:nova_compute_interface"]).toBe("bond2");
  });

  it("turns *_conf_overrides into overrides and keeps env.d and user variables", () => {
    expect(snapshot.release).toBe("2024.1");
    expect(snapshot.overrides[0]?.sections.DEFAULT?.cpu_allocation_ratio).toEqual(["2.0"]);
    expect(snapshot.variables["env.d/cinder-volume.yml"]).toBeTruthy();
  });

  it("lists user_secrets.yml keys only", () => {
    expect(snapshot.secretKeys).toEqual(["galera_root_password", "keystone_auth_admin_password"]);
    for (const s of secrets) expect(JSON.stringify(snapshot)).not.toContain(s.value);
  });
});

describe("snapshotConfig on generated kolla layouts", () => {
  it("reads a kolla-ansible checkout with etc/kolla, globals.d and a YAML inventory", () => {
    const t = tempTree({
      "etc/kolla/globals.yml": "openstack_release: 2024.10\nenable_cinder: no\n",
      "etc/kolla/globals.d/cinder.yml": "enable_cinder: yes\n",
      "etc/kolla/inventory/hosts.yml":
        "all:\n  children:\n    control:\n      hosts:\n        ctl1:\n          ansible_become_password: Sup3rS3cretBecome\n",
    });
    try {
      expect(detectTool(t.dir)).toBe("kolla-ansible");
      const { snapshot } = snapshotConfig(t.dir);
      expect(snapshot.release).toBe("2024.10");
      expect(snapshot.enabledServices).toContain("cinder");
      expect(snapshot.hostsByGroup.control).toEqual(["ctl1"]);
      expect(snapshot.files.map((f) => f.path)).toContain("etc/kolla/inventory/hosts.yml");
      expect(JSON.stringify(snapshot)).not.toContain("Sup3rS3cretBecome");
    } finally {
      t.cleanup();
    }
  });
});
