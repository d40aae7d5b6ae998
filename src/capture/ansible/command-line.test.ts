import { describe, expect, it } from "vitest";
import { looksLikeAnsible } from "./index.js";

describe("looksLikeAnsible", () => {
  it.each([
    ["kolla-ansible -i multinode upgrade", true],
    ["kayobe overcloud service upgrade", true],
    ["openstack-ansible setup-hosts.yml", true],
    ["ansible-playbook -i hosts site.yml", true],
    ["ansible all -m ping", true],
    ["sudo -u kolla -E /opt/venv/bin/kolla-ansible deploy", true],
    ["ANSIBLE_FORCE_COLOR=1 time ansible-playbook site.yml | tee log", true],
    ["cd /etc/kolla && kolla-ansible prechecks", true],
    ["python3 -m ansible-playbook site.yml", true],
    ["ansible-galaxy install -r requirements.yml", false],
    ["ansible-lint site.yml", false],
    ["grep kolla-ansible notes.txt", false],
    ["openstack server list", false],
    ["", false],
  ])("says %j runs Ansible: %s", (line, expected) => {
    expect(looksLikeAnsible(line)).toBe(expected);
  });
});
