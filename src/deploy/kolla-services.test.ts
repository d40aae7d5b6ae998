import { describe, expect, it } from "vitest";
import { evalSwitch } from "./ansible-values.js";
import { enabledServices } from "./kolla-services.js";

describe("kolla enabled services", () => {
  it("enables kolla's core services when globals.yml sets nothing", () => {
    const { enabled } = enabledServices({});
    expect(enabled).toEqual(
      expect.arrayContaining(["keystone", "glance", "nova", "neutron", "placement", "openvswitch"]),
    );
    expect(enabled).not.toContain("cinder");
    expect(enabled).not.toContain("ovn");
  });

  it("follows the switches through kolla's expressions", () => {
    const { enabled } = enabledServices({
      enable_openstack_core: "no",
      neutron_plugin_agent: "ovn",
      enable_neutron: true,
    });
    expect(enabled).toContain("ovn");
    expect(enabled).not.toContain("nova");
    expect(enabled).not.toContain("placement");
  });

  it("reads Kayobe's kolla_enable_* switches before plain ones", () => {
    expect(
      enabledServices({ kolla_enable_ironic: "yes", enable_ironic: "no" }, "kolla_").enabled,
    ).toContain("ironic");
  });

  it("reports a switch it cannot evaluate instead of guessing", () => {
    const r = enabledServices({ enable_masakari: "{{ groups['hacluster'] | length > 0 }}" });
    expect(r.unknown).toEqual(["masakari"]);
    expect(r.enabled).not.toContain("masakari");
  });

  it("evaluates not, and, or and comparisons", () => {
    const look = (n: string) => ({ a: "yes", b: "no", c: "ovn" })[n];
    expect(evalSwitch("{{ not b | bool }}", look)).toBe(true);
    expect(evalSwitch("{{ a | bool and b | bool }}", look)).toBe(false);
    expect(evalSwitch("{{ b | bool or c == 'ovn' }}", look)).toBe(true);
    expect(evalSwitch("{{ c != 'ovn' }}", look)).toBe(false);
  });
});
