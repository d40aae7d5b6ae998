import { InternalError } from "../errors/index.js";
import type {
  AnsibleRequirement,
  Constraint,
  DeploymentFacts,
  PlanTool,
  PlatformFact,
  PlatformFacts,
  ReleaseFacts,
  Source,
} from "./types.js";
import type { PathLeg } from "./upgrade-path.js";
import { compareVersions } from "./version-compare.js";

interface Side {
  id: string;
  facts: PlatformFacts | undefined;
}

/**
 * What the platform tables say about one hop: the target's host OSes against the source
 * series' (what is dropped, what both support), and the Python and Ansible minimums with how
 * they move. Facts stacklog has not collected are named as such.
 */
export function platformConstraints(
  tool: PlanTool,
  leg: PathLeg,
  facts: ReleaseFacts,
  d?: DeploymentFacts,
): Constraint[] {
  const table = facts.platforms[tool];
  const to: Side = { id: leg.to.id, facts: table[leg.to.name] };
  const from: Side = { id: leg.from.id, facts: table[leg.from.name] };
  const label = `${tool} ${facts.tools[tool].versions[leg.to.name]}.x`;
  const fallback = facts.tools[tool].source;
  if (!to.facts) return [notCollected(tool, leg.to.name, to.id, "platform", fallback)];
  const t = to.facts;
  return [
    t.os ? osConstraint(from, to, t.os, d) : notCollected(tool, leg.to.name, to.id, "os", fallback),
    t.python
      ? pythonConstraint(from, to, label, t.python)
      : notCollected(tool, leg.to.name, to.id, "python", fallback),
    t.ansible
      ? ansibleConstraint(from, to, label, t.ansible)
      : notCollected(tool, leg.to.name, to.id, "ansible", fallback),
  ];
}

const WHAT: Record<"platform" | "os" | "python" | "ansible", string> = {
  platform: "supported host OS, Python and Ansible",
  os: "supported host OS",
  python: "minimum Python",
  ansible: "Ansible range",
};

function notCollected(
  tool: PlanTool,
  name: string,
  id: string,
  what: keyof typeof WHAT,
  source: Source,
): Constraint {
  return {
    id: `${id}-${what}-unknown`,
    kind: what === "ansible" ? "ansible" : what === "python" ? "python" : "host-os",
    severity: "advice",
    source,
    text: `stacklog has not collected ${tool}'s ${WHAT[what]} for ${name}; check the tool's documentation for ${id}.`,
  };
}

function cited(p: PlatformFacts, ...facts: PlatformFact[]): Pick<Constraint, "source" | "seeAlso"> {
  const all = facts.flatMap((f) => p.sources[f] ?? []);
  const unique = all.filter(
    (s, i) => all.findIndex((o) => o.url === s.url && o.title === s.title) === i,
  );
  const [source, ...rest] = unique;
  if (!source) throw new InternalError("a platform fact without a source passed the loader");
  return rest.length ? { source, seeAlso: rest } : { source };
}

/** The deployment's hosts against a host OS list; `centos 9` may be CentOS Stream 9. */
function hostCheck(os: string[], d?: DeploymentFacts): { blocked: boolean; text: string } | null {
  if (!d?.baseDistro || !d.baseDistroVersion) return null;
  const distro = d.baseDistro.toLowerCase();
  const host = `${distro}-${d.baseDistroVersion}`;
  const stream = `centos-stream-${d.baseDistroVersion}`;
  if (os.includes(host))
    return { blocked: false, text: `This deployment's hosts (${host}) are supported.` };
  if (distro === "centos" && os.includes(stream))
    return {
      blocked: false,
      text: `This deployment's hosts (centos ${d.baseDistroVersion}) are supported only if they run ${stream}.`,
    };
  return {
    blocked: true,
    text: `This deployment's hosts (${host}) must move to a supported OS before this hop.`,
  };
}

function osConstraint(from: Side, to: Side, os: string[], d?: DeploymentFacts): Constraint {
  const t = to.facts as PlatformFacts;
  const supported = [...os, ...t.osLater, ...t.osExperimental];
  const before = from.facts?.os ? [...from.facts.os, ...from.facts.osLater] : null;
  const dropped = before ? before.filter((o) => !supported.includes(o)) : [];
  const parts = [`${to.id} supports these hosts: ${os.join(", ")}.`];
  if (t.osLater.length) parts.push(`Later ${to.id} point releases add ${t.osLater.join(", ")}.`);
  if (t.osExperimental.length)
    parts.push(`Experimental in ${to.id}: ${t.osExperimental.join(", ")}.`);
  if (!before) parts.push(`stacklog has not collected the hosts ${from.id} supports.`);
  if (dropped.length) {
    const both = (before ?? []).filter((o) => os.includes(o));
    parts.push(
      `Dropped since ${from.id}: ${dropped.join(", ")}; ` +
        (both.length
          ? `move those hosts to one both series support (${both.join(", ")}) before this hop.`
          : "no host OS is supported by both series, so hosts are reinstalled with this hop."),
    );
  }
  const check = hostCheck(os, d);
  if (check) parts.push(check.text);
  return {
    id: `${to.id}-host-os`,
    kind: "host-os",
    severity: check?.blocked ? "blocker" : dropped.length ? "required" : "advice",
    text: parts.join(" "),
    ...cited(t, "os"),
  };
}

function pythonConstraint(from: Side, to: Side, label: string, min: string): Constraint {
  const was = from.facts?.python ?? null;
  const rises = was === null || compareVersions(min, was) > 0;
  const change =
    was === null
      ? ` stacklog has not collected the Python ${from.id} needed.`
      : rises
        ? ` ${from.id} needed ${was}: check the Python of the hosts before this hop.`
        : ` Unchanged from ${from.id}.`;
  return {
    id: `${to.id}-python`,
    kind: "python",
    severity: rises ? "required" : "advice",
    text: `${to.id} (${label}) needs Python ${min} or later.${change}`,
    ...cited(to.facts as PlatformFacts, "python"),
  };
}

/** "ansible-core 2.15 to 2.16", or "Ansible 2.9" as `ansible --version` reports it. */
export function ansibleRange(a: AnsibleRequirement): string {
  const versions = a.min === a.max ? a.min : `${a.min} to ${a.max}`;
  return a.name === "ansible-core" ? `ansible-core ${versions}` : `Ansible ${versions}`;
}

function ansibleConstraint(from: Side, to: Side, label: string, a: AnsibleRequirement): Constraint {
  const was = from.facts?.ansible ?? null;
  const same = was !== null && was.name === a.name && was.min === a.min && was.max === a.max;
  const parts = [`${to.id} (${label}) runs with ${ansibleRange(a)}.`];
  if (a.name === "ansible")
    parts.push(
      "The range starts before ansible-core existed, so it counts Ansible as `ansible --version` reports it.",
    );
  parts.push(
    was === null
      ? `stacklog has not collected the Ansible ${from.id} ran with.`
      : same
        ? `Unchanged from ${from.id}.`
        : `${from.id} ran with ${ansibleRange(was)}: bring the deploy environment's Ansible into the new range before running the ${to.id} playbooks.`,
  );
  if (a.install) parts.push(`Install line given by the release: \`${a.install}\`.`);
  return {
    id: `${to.id}-${a.name}`,
    kind: a.name,
    severity: same ? "advice" : "required",
    text: parts.join(" "),
    ...cited(to.facts as PlatformFacts, "ansible", "install"),
  };
}
