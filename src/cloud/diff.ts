import type { CloudChange, CloudDiff, CloudSnapshot, ServiceState } from "./types.js";

type Flat = Map<string, unknown>;

function countBy<T>(items: T[], key: (x: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
}

function servicesFlat(prefix: string, list: ServiceState[] | undefined): Flat {
  const m: Flat = new Map();
  for (const s of list ?? []) m.set(`${prefix}.${s.binary}@${s.host}`, `${s.status}/${s.state}`);
  return m;
}

// Each section flattens its part of a snapshot to path → comparable value.
const SECTIONS: [string, (s: CloudSnapshot) => Flat][] = [
  [
    "Catalog",
    (s) => {
      const m: Flat = new Map();
      for (const c of s.catalog)
        for (const e of c.endpoints)
          m.set(`catalog.${c.type}(${c.name}).${e.region ?? "-"}.${e.interface}`, e.url);
      return m;
    },
  ],
  [
    "API versions",
    (s) => {
      const m: Flat = new Map();
      for (const [type, list] of Object.entries(s.versions))
        for (const v of list)
          m.set(`versions.${type}.${v.id}`, {
            status: v.status,
            minVersion: v.minVersion,
            maxVersion: v.maxVersion,
          });
      return m;
    },
  ],
  ["Identity", (s) => new Map(Object.entries(s.identity).map(([k, v]) => [`identity.${k}`, v]))],
  [
    "Compute",
    (s) => {
      const m = servicesFlat("compute.services", s.compute?.services);
      if (s.compute) m.set("compute.hypervisors", s.compute.hypervisors);
      if (s.flavors) m.set("flavors.count", s.flavors.count);
      return m;
    },
  ],
  [
    "Network agents",
    (s) => {
      const m: Flat = new Map();
      for (const a of s.network?.agents ?? [])
        m.set(`network.agents.${a.agentType}@${a.host}`, {
          alive: a.alive,
          adminStateUp: a.adminStateUp,
        });
      return m;
    },
  ],
  ["Volume", (s) => servicesFlat("volume.services", s.volume?.services)],
  [
    "Bare metal",
    (s) => {
      const nodes = s.baremetal?.nodes ?? [];
      const m: Flat = new Map();
      const add = (what: string, counts: Record<string, number>) => {
        for (const [k, n] of Object.entries(counts)) m.set(`baremetal.${what}.${k}`, n);
      };
      add(
        "provisionState",
        countBy(nodes, (n) => n.provisionState),
      );
      add(
        "powerState",
        countBy(nodes, (n) => n.powerState ?? "none"),
      );
      add(
        "maintenance",
        countBy(
          nodes.filter((n) => n.maintenance),
          () => "true",
        ),
      );
      return m;
    },
  ],
  ["Images", (s) => new Map(s.image ? [["image.count", s.image.count]] : [])],
  [
    "Findings",
    (s) =>
      new Map(
        s.findings.map((f) => [`findings.${f.service} ${f.url}`, f.problem] as [string, unknown]),
      ),
  ],
];

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compare(a: Flat, b: Flat): CloudChange[] {
  const changes: CloudChange[] = [];
  for (const path of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const inA = a.has(path);
    const inB = b.has(path);
    if (inA && !inB) changes.push({ path, before: a.get(path), after: undefined, kind: "removed" });
    else if (!inA && inB)
      changes.push({ path, before: undefined, after: b.get(path), kind: "added" });
    else if (!same(a.get(path), b.get(path)))
      changes.push({ path, before: a.get(path), after: b.get(path), kind: "changed" });
  }
  return changes;
}

/** What changed from snapshot `a` to `b`, by section; identical snapshots give an empty list. */
export function diffCloud(a: CloudSnapshot, b: CloudSnapshot): CloudDiff {
  return SECTIONS.map(([title, flat]) => ({ title, changes: compare(flat(a), flat(b)) })).filter(
    (s) => s.changes.length > 0,
  );
}

function show(v: unknown): string {
  if (v === undefined) return "—";
  if (v !== null && typeof v === "object")
    return Object.entries(v)
      .map(([k, x]) => `${k}=${x ?? "—"}`)
      .join(" ");
  return String(v);
}

/** The diff as plain text, one line per change under each section title. */
export function renderCloudDiffText(d: CloudDiff): string {
  if (d.length === 0) return "No changes in the cloud's APIs.\n";
  const lines: string[] = [];
  for (const section of d) {
    lines.push(`${section.title}:`);
    for (const c of section.changes) {
      const mark = c.kind === "added" ? "+" : c.kind === "removed" ? "-" : "~";
      const what =
        c.kind === "changed"
          ? `${show(c.before)} → ${show(c.after)}`
          : show(c.kind === "added" ? c.after : c.before);
      lines.push(`  ${mark} ${c.path}: ${what}`);
    }
  }
  return `${lines.join("\n")}\n`;
}
