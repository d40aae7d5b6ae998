import { InternalError } from "../errors/index.js";
import type {
  AnsibleRequirement,
  PlanTool,
  PlatformFact,
  PlatformFacts,
  ReleaseFacts,
  Source,
} from "./types.js";
import { PLATFORM_FACTS } from "./types.js";
import { compareVersions } from "./version-compare.js";
import { isRecord } from "./yaml-values.js";

interface Reader {
  file: string;
  sources: Record<string, Source>;
  /** Per tool, the series tools.yaml gives it a version for. */
  released: Partial<Record<PlanTool, string[]>>;
}

type Cite = Partial<Record<PlatformFact, Source>>;

const OS = /^[a-z]+(-[a-z]+)*-\d+(\.\d+)?$/;
const MINOR = /^\d+\.\d+$/;
const INSTALL = /^(ansible|ansible-base|ansible-core)[<>=!~]=?\d[\w.]*(,[<>=!~]=?\d[\w.]*)*$/;
const ENTRY_KEYS = [
  "os",
  "later",
  "experimental",
  "python",
  "ansible-core",
  "ansible",
  "install",
  "cite",
];
/** ansible-core took over from ansible-base at 2.11. */
const FIRST_ANSIBLE_CORE = "2.11";

/**
 * The host platform tables of platforms.yaml, checked against its format (see the file's
 * header): every fact typed, every series one the tool released (tools.yaml), every fact cited. A mistake
 * is a stacklog bug, reported with where it is, what was expected and what was found.
 */
export function platformTables(
  doc: Record<string, unknown>,
  file: string,
  released: Partial<Record<PlanTool, string[]>>,
): ReleaseFacts["platforms"] {
  const r: Reader = { file, sources: catalogue(file, doc.sources), released };
  keysOnly(r, "", doc, ["sources", "kolla-ansible", "kayobe", "openstack-ansible"]);
  const ka = toolTable(r, "kolla-ansible", doc["kolla-ansible"]);
  const osa = toolTable(r, "openstack-ansible", doc["openstack-ansible"]);
  const kayobe = derivedTable(r, "kayobe", doc.kayobe, { "kolla-ansible": ka });
  return { "kolla-ansible": ka, kayobe, "openstack-ansible": osa };
}

function invalid(r: Reader, at: string, expected: string, found: unknown): InternalError {
  const shown = JSON.stringify(found) ?? "nothing";
  return new InternalError(`${r.file}: ${at || "top"}: expected ${expected}; found ${shown}`);
}

function keysOnly(r: Reader, at: string, raw: Record<string, unknown>, keys: string[]): void {
  const extra = Object.keys(raw).find((k) => !keys.includes(k));
  if (extra !== undefined)
    throw invalid(r, `${at}${at ? "." : ""}${extra}`, `one of the keys ${keys.join(", ")}`, extra);
}

function catalogue(file: string, raw: unknown): Record<string, Source> {
  const r: Reader = { file, sources: {}, released: {} };
  if (!isRecord(raw)) throw invalid(r, "sources", "a mapping of source names", raw);
  for (const [key, s] of Object.entries(raw)) {
    const ok =
      isRecord(s) &&
      typeof s.title === "string" &&
      typeof s.url === "string" &&
      s.url.startsWith("https://");
    if (!ok) throw invalid(r, `sources.${key}`, '{ title: "…", url: "https://…" }', s);
  }
  return raw as Record<string, Source>;
}

function citeMap(r: Reader, at: string, raw: unknown): Cite {
  if (raw === undefined) return {};
  if (!isRecord(raw)) throw invalid(r, at, "{ os: <source name>, python: …, ansible: … }", raw);
  keysOnly(r, at, raw, [...PLATFORM_FACTS]);
  const out: Cite = {};
  for (const [fact, key] of Object.entries(raw)) {
    const source = typeof key === "string" ? r.sources[key] : undefined;
    if (!source) throw invalid(r, `${at}.${fact}`, "a name listed under sources", key);
    out[fact as PlatformFact] = source;
  }
  return out;
}

function toolTable(r: Reader, tool: PlanTool, raw: unknown): Record<string, PlatformFacts> {
  if (!isRecord(raw)) throw invalid(r, tool, "a mapping with cite and series", raw);
  keysOnly(r, tool, raw, ["cite", "series"]);
  const cite = citeMap(r, `${tool}.cite`, raw.cite);
  const series = raw.series ?? {};
  if (!isRecord(series)) throw invalid(r, `${tool}.series`, "a mapping of series names", series);
  return Object.fromEntries(
    Object.entries(series).map(([name, v]) => {
      const at = `${tool}.series.${name}`;
      if (!r.released[tool]?.includes(name))
        throw invalid(r, at, `a series tools.yaml gives ${tool} a version for`, name);
      return [name, entry(r, at, v, cite)];
    }),
  );
}

function entry(r: Reader, at: string, raw: unknown, toolCite: Cite): PlatformFacts {
  if (!isRecord(raw)) throw invalid(r, at, "a mapping of platform facts", raw);
  keysOnly(r, at, raw, ENTRY_KEYS);
  const facts = {
    os: raw.os === null ? null : osList(r, `${at}.os`, raw.os),
    osLater: raw.later === undefined ? [] : osList(r, `${at}.later`, raw.later),
    osExperimental:
      raw.experimental === undefined ? [] : osList(r, `${at}.experimental`, raw.experimental),
    python: python(r, `${at}.python`, raw.python),
    ansible: ansible(r, at, raw),
  };
  const cite = { ...toolCite, ...citeMap(r, `${at}.cite`, raw.cite) };
  const present: Record<PlatformFact, boolean> = {
    os: facts.os !== null,
    python: facts.python !== null,
    ansible: facts.ansible !== null,
    install: (facts.ansible?.install ?? null) !== null,
  };
  const sources: PlatformFacts["sources"] = {};
  for (const fact of PLATFORM_FACTS.filter((f) => present[f])) {
    const source = cite[fact];
    if (!source) throw invalid(r, `${at}.cite.${fact}`, "a source for this fact", undefined);
    sources[fact] = [source];
  }
  return { ...facts, sources };
}

function osList(r: Reader, at: string, raw: unknown): string[] {
  const ok = Array.isArray(raw) && raw.every((o) => typeof o === "string" && OS.test(o));
  if (!ok) throw invalid(r, at, "a list like [rocky-9, ubuntu-24.04, centos-stream-10]", raw);
  return raw as string[];
}

function python(r: Reader, at: string, raw: unknown): string | null {
  if (raw === null) return null;
  if (typeof raw !== "string" || !/^3\.\d+$/.test(raw))
    throw invalid(r, at, 'a quoted Python version such as "3.10", or null', raw);
  return raw;
}

function ansible(r: Reader, at: string, raw: Record<string, unknown>): AnsibleRequirement | null {
  const hasCore = raw["ansible-core"] !== undefined;
  const hasOld = raw.ansible !== undefined;
  if (hasCore && hasOld)
    throw invalid(r, at, "either ansible-core or ansible, not both", Object.keys(raw));
  const name = hasOld ? "ansible" : "ansible-core";
  const value = raw[name];
  if (value === undefined || value === null) {
    if (raw.install !== undefined)
      throw invalid(r, `${at}.install`, "an ansible-core or ansible range next to it", raw.install);
    if (value === undefined) throw invalid(r, `${at}.ansible-core`, "a range or null", value);
    return null;
  }
  const [min, max] = range(r, `${at}.${name}`, value);
  const coreEra = compareVersions(min, FIRST_ANSIBLE_CORE) >= 0;
  if (coreEra !== (name === "ansible-core"))
    throw invalid(
      r,
      `${at}.${name}`,
      coreEra ? "ansible-core for ranges from 2.11 on" : "ansible for ranges starting before 2.11",
      value,
    );
  return { name, min, max, install: install(r, `${at}.install`, raw.install) };
}

function range(r: Reader, at: string, raw: unknown): [string, string] {
  const ok =
    Array.isArray(raw) &&
    raw.length === 2 &&
    raw.every((v) => typeof v === "string" && MINOR.test(v)) &&
    compareVersions(raw[0], raw[1]) <= 0;
  if (!ok) throw invalid(r, at, 'a quoted [min, max] such as ["2.15", "2.16"]', raw);
  return [raw[0], raw[1]];
}

function install(r: Reader, at: string, raw: unknown): string | null {
  if (raw === undefined) return null;
  if (typeof raw !== "string" || !INSTALL.test(raw))
    throw invalid(r, at, "a pip requirement such as ansible-core==2.17.5 or ansible<3.0", raw);
  return raw;
}

function derivedTable(
  r: Reader,
  tool: PlanTool,
  raw: unknown,
  parsed: Partial<Record<PlanTool, Record<string, PlatformFacts>>>,
): Record<string, PlatformFacts> {
  if (!isRecord(raw)) throw invalid(r, tool, "a mapping with derive-from", raw);
  keysOnly(r, tool, raw, ["derive-from", "drop-os-families", "cite"]);
  const base = parsed[raw["derive-from"] as PlanTool];
  if (!base) throw invalid(r, `${tool}.derive-from`, "a tool parsed before it", raw["derive-from"]);
  const drop = raw["drop-os-families"] ?? [];
  if (!Array.isArray(drop) || !drop.every((f) => typeof f === "string" && /^[a-z]+$/.test(f)))
    throw invalid(r, `${tool}.drop-os-families`, "a list like [debian, rhel]", drop);
  const extra = citeMap(r, `${tool}.cite`, raw.cite).os;
  return Object.fromEntries(
    Object.entries(base).map(([series, p]) => [series, dropFamilies(p, drop, extra)]),
  );
}

function dropFamilies(p: PlatformFacts, drop: string[], source: Source | undefined): PlatformFacts {
  const keep = (os: string) => !drop.some((f) => os.startsWith(`${f}-`));
  const os = p.sources.os;
  return {
    ...p,
    os: p.os ? p.os.filter(keep) : null,
    osLater: p.osLater.filter(keep),
    osExperimental: p.osExperimental.filter(keep),
    sources: { ...p.sources, ...(os && source ? { os: [...os, source] } : {}) },
  };
}
