import type { Change, ConfigOverride, ConfigSnapshot, SnapshotDiff } from "./types.js";

/** Changes between two flat maps of values, compared as JSON. */
export function diffMaps(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  prefix = "",
): Change[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  const out: Change[] = [];
  for (const k of keys) {
    const path = `${prefix}${k}`;
    const inA = Object.hasOwn(a, k);
    const inB = Object.hasOwn(b, k);
    if (inA && !inB) out.push({ path, before: a[k], after: undefined, kind: "removed" });
    else if (!inA && inB) out.push({ path, before: undefined, after: b[k], kind: "added" });
    else if (JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      out.push({ path, before: a[k], after: b[k], kind: "changed" });
  }
  return out;
}

function setDiff(a: string[], b: string[], path: string): Change[] {
  const sa = new Set(a);
  const sb = new Set(b);
  return [
    ...b
      .filter((x) => !sa.has(x))
      .map((x) => ({ path, before: undefined, after: x, kind: "added" as const })),
    ...a
      .filter((x) => !sb.has(x))
      .map((x) => ({ path, before: x, after: undefined, kind: "removed" as const })),
  ];
}

function overrideKey(o: ConfigOverride): string {
  return o.host ? `${o.service}@${o.host}:${o.file}` : `${o.service}:${o.file}`;
}

// One entry per option: `nova:config/nova.conf [DEFAULT] cpu_allocation_ratio`.
function flatOverrides(list: ConfigOverride[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of list) {
    for (const [section, keys] of Object.entries(o.sections)) {
      for (const [key, values] of Object.entries(keys)) {
        out[`${overrideKey(o)} [${section}] ${key}`] = values.length === 1 ? values[0] : values;
      }
    }
  }
  return out;
}

function groupDiff(a: Record<string, string[]>, b: Record<string, string[]>): Change[] {
  const out: Change[] = [];
  for (const g of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
    if (!a[g]) out.push({ path: `group ${g}`, before: undefined, after: b[g], kind: "added" });
    else if (!b[g])
      out.push({ path: `group ${g}`, before: a[g], after: undefined, kind: "removed" });
    else out.push(...setDiff(a[g], b[g], `group ${g}`));
  }
  return out;
}

/**
 * What changed from `a` to `b`, in sections a person reads in order: release and images,
 * services, hosts, network, overrides, variables, secret names, files. Empty sections are left out.
 */
export function diffConfig(a: ConfigSnapshot, b: ConfigSnapshot): SnapshotDiff {
  const head = (s: ConfigSnapshot) => ({
    tool: s.tool,
    release: s.release,
    baseDistro: s.baseDistro,
    imageRegistry: s.imageRegistry,
  });
  const fileMap = (s: ConfigSnapshot) =>
    Object.fromEntries(s.files.map((f) => [f.path, `sha256 ${f.sha256.slice(0, 12)}`]));
  const sections = [
    {
      title: "Release and images",
      changes: [...diffMaps(head(a), head(b)), ...diffMaps(a.imageTags, b.imageTags, "image tag ")],
    },
    {
      title: "Enabled services",
      changes: setDiff(a.enabledServices, b.enabledServices, "service"),
    },
    { title: "Hosts and groups", changes: groupDiff(a.hostsByGroup, b.hostsByGroup) },
    {
      title: "Network",
      changes: [
        ...diffMaps(a.network.interfaces, b.network.interfaces, "interface "),
        ...diffMaps(a.network.vips, b.network.vips, "VIP "),
      ],
    },
    {
      title: "Configuration overrides",
      changes: diffMaps(flatOverrides(a.overrides), flatOverrides(b.overrides)),
    },
    { title: "Variables", changes: diffMaps(a.variables, b.variables) },
    { title: "Secret names", changes: setDiff(a.secretKeys, b.secretKeys, "secret") },
    { title: "Files", changes: diffMaps(fileMap(a), fileMap(b)) },
  ];
  return { sections: sections.filter((s) => s.changes.length > 0) };
}
