import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  addIniInventory,
  addYamlInventory,
  emptyInventory,
  expandHostPattern,
  hostsByGroup,
} from "./inventory.js";

describe("Ansible inventories", () => {
  it("expands numeric and letter host ranges", () => {
    expect(expandHostPattern("node[08:10].example")).toEqual([
      "node08.example",
      "node09.example",
      "node10.example",
    ]);
    expect(expandHostPattern("rack[a:b]-[1:2]")).toEqual([
      "racka-1",
      "racka-2",
      "rackb-1",
      "rackb-2",
    ]);
  });

  it("reads host vars on host lines and [group:vars]", () => {
    const inv = emptyInventory();
    addIniInventory(
      inv,
      '[compute]\ncn1 ansible_host=10.0.0.1 note="two words"\n[compute:vars]\nx = 1\n',
    );
    expect(inv.hostVars.get("cn1")).toEqual({ ansible_host: "10.0.0.1", note: "two words" });
    expect(inv.groups.get("compute")?.vars).toEqual({ x: "1" });
  });

  it("resolves nested children and survives a cycle of groups", () => {
    const inv = emptyInventory();
    addIniInventory(inv, "[a]\nh1\n[b]\nh2\n[a:children]\nb\n[b:children]\na\n");
    expect(hostsByGroup(inv)).toEqual({ a: ["h1", "h2"], b: ["h1", "h2"] });
  });

  it("reads the YAML inventory format", () => {
    const inv = emptyInventory();
    addYamlInventory(
      inv,
      parse(
        "all:\n  children:\n    control:\n      hosts:\n        ctl[1:2]:\n    compute:\n      hosts:\n        cn1: {network_interface: eth9}\n",
      ),
    );
    const groups = hostsByGroup(inv);
    expect(groups.all).toEqual(["cn1", "ctl1", "ctl2"]);
    expect(inv.hostVars.get("cn1")).toEqual({ network_interface: "eth9" });
  });
});
