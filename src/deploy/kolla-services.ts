import { evalSwitch } from "./ansible-values.js";

/**
 * kolla-ansible's defaults for the switches that matter most, as its
 * `ansible/group_vars/all.yml` sets them (2023.1 to 2025.1 agree on these). Every other
 * `enable_*` switch defaults to off there. Written in kolla's own expression style, and
 * evaluated by the same code as the operator's values.
 */
export const KOLLA_SERVICE_DEFAULTS: Record<string, string> = {
  enable_openstack_core: "yes",
  enable_keystone: "{{ enable_openstack_core | bool }}",
  enable_glance: "{{ enable_openstack_core | bool }}",
  enable_nova: "{{ enable_openstack_core | bool }}",
  enable_neutron: "{{ enable_openstack_core | bool }}",
  enable_heat: "{{ enable_openstack_core | bool }}",
  enable_horizon: "{{ enable_openstack_core | bool }}",
  enable_placement: "{{ enable_nova | bool or enable_zun | bool }}",
  enable_haproxy: "yes",
  enable_keepalived: "{{ enable_haproxy | bool }}",
  enable_mariadb: "yes",
  enable_memcached: "yes",
  enable_rabbitmq: "{{ om_rpc_transport == 'rabbit' }}",
  enable_fluentd: "yes",
  enable_cron: "yes",
  enable_openvswitch: "{{ enable_neutron | bool and neutron_plugin_agent != 'ovn' }}",
  enable_ovn: "{{ enable_neutron | bool and neutron_plugin_agent == 'ovn' }}",
  enable_cinder: "no",
  enable_zun: "no",
  om_rpc_transport: "rabbit",
  neutron_plugin_agent: "openvswitch",
};

/**
 * The services switched on, from `prefix + enable_<name>` variables over kolla's defaults.
 * Names are as kolla spells them without `enable_` (`nova`, `cinder_backup`). A switch whose
 * value cannot be evaluated without Ansible is reported in `unknown` instead.
 */
export function enabledServices(
  vars: Record<string, unknown>,
  prefix = "",
): { enabled: string[]; unknown: string[] } {
  const lookup = (name: string): unknown =>
    vars[`${prefix}${name}`] ?? vars[name] ?? KOLLA_SERVICE_DEFAULTS[name];
  const names = new Set<string>();
  for (const key of Object.keys(KOLLA_SERVICE_DEFAULTS))
    if (key.startsWith("enable_")) names.add(key);
  for (const key of Object.keys(vars)) {
    if (key.startsWith(`${prefix}enable_`)) names.add(key.slice(prefix.length));
    else if (key.startsWith("enable_")) names.add(key);
  }
  const enabled: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    const on = evalSwitch(lookup(name), lookup);
    const service = name.slice("enable_".length);
    if (service === "openstack_core") continue;
    if (on === true) enabled.push(service);
    else if (on === null) unknown.push(service);
  }
  return { enabled: enabled.sort(), unknown: unknown.sort() };
}
