import type { CheckSeverity } from "../journal/index.js";

/** Deployment tools the planner has procedures for. */
export type PlanTool = "kolla-ansible" | "kayobe" | "openstack-ansible";

export const PLAN_TOOLS: readonly PlanTool[] = ["kolla-ansible", "kayobe", "openstack-ansible"];

/** Where a fact comes from: a public document or file. */
export interface Source {
  title: string;
  url: string;
  commit?: string;
  date?: string;
}

export type SeriesStatus =
  | "future"
  | "development"
  | "maintained"
  | "extended maintenance"
  | "unmaintained"
  | "end of life";

/** One OpenStack release series, as openstack/releases describes it. */
export interface Series {
  name: string;
  /** "2023.1"; for series before antelope a year.half label stacklog derives (see `idDerived`). */
  id: string;
  idDerived: boolean;
  status: SeriesStatus;
  slurp: boolean;
  initialRelease: string | null;
  eolDate: string | null;
  nextPhase: { status: SeriesStatus; date: string | null } | null;
}

export interface ToolFacts {
  /** Major version per series name. */
  versions: Record<string, number>;
  slurp: { supported: boolean; since: string; source: Source };
  source: Source;
}

/** The facts a platform entry holds, each with its own sources. */
export type PlatformFact = "os" | "python" | "ansible" | "install";

export const PLATFORM_FACTS: readonly PlatformFact[] = ["os", "python", "ansible", "install"];

/** The Ansible a series' playbooks run with. */
export interface AnsibleRequirement {
  /**
   * What the versions count: `ansible-core`, or `ansible` when the range starts before
   * ansible-core existed (2.11) and counts Ansible as `ansible --version` reports it.
   */
  name: "ansible-core" | "ansible";
  /** Lowest and highest accepted minor version, e.g. "2.15" and "2.16". */
  min: string;
  max: string;
  /** The pip requirement the release itself installs or documents, e.g. `ansible<3.0`. */
  install: string | null;
}

/** Host platform facts of one tool at one series; null fields were not collected. */
export interface PlatformFacts {
  /** Host OSes supported at the x.0.0 tag, as `<distro>-<version>` (`centos-stream-9`). */
  os: string[] | null;
  /** Host OSes the stable branch added in a later point release. */
  osLater: string[];
  /** Host OSes the release supports only experimentally. */
  osExperimental: string[];
  python: string | null;
  ansible: AnsibleRequirement | null;
  /** Where each fact comes from; facts that are null have none. */
  sources: Partial<Record<PlatformFact, Source[]>>;
}

export type ConstraintSeverity = "blocker" | "required" | "advice";

export type ConstraintKind =
  | "host-os"
  | "python"
  | "ansible-core"
  | "ansible"
  | "rabbitmq"
  | "queues"
  | "valkey"
  | "ceph"
  | "ironic"
  | "nova"
  | "notes"
  | "tool";

/** A condition on the deployment under which a constraint applies. */
export interface ConstraintWhen {
  service?: string;
  distro?: string;
  quorumQueues?: boolean;
}

/** A rule from data/releases/constraints.yaml. */
export interface ConstraintRule {
  id: string;
  kind: ConstraintKind;
  tools: PlanTool[];
  crosses?: string;
  slurpOnly?: boolean;
  when?: ConstraintWhen;
  severity: ConstraintSeverity;
  text: string;
  source: Source;
}

/** A fact that gates one hop, with its source. */
export interface Constraint {
  id: string;
  kind: ConstraintKind;
  severity: ConstraintSeverity;
  text: string;
  source: Source;
  /** Further sources of the same constraint. */
  seeAlso?: Source[];
  /** The deployment condition it depends on, kept when the caller gave no facts to decide it. */
  condition?: string;
}

/** Everything stacklog knows about releases, tools and platforms. */
export interface ReleaseFacts {
  series: Series[];
  seriesSource: Source;
  tools: Record<PlanTool, ToolFacts>;
  platforms: Record<PlanTool, Record<string, PlatformFacts>>;
  constraints: ConstraintRule[];
}

/** What the caller knows about the deployment; everything optional. */
export interface DeploymentFacts {
  /** Enabled services by short name (nova, ironic, rabbitmq, redis, ceph...). */
  enabledServices?: string[];
  /** Host distribution family: ubuntu, rocky, centos, debian. */
  baseDistro?: string;
  /** Host distribution version, e.g. "22.04" or "9". */
  baseDistroVersion?: string;
  kollaBaseDistro?: string;
  openstackRelease?: string;
  /** kolla `om_enable_rabbitmq_quorum_queues`. */
  rabbitmqQuorumQueues?: boolean;
  /** Inventory path used in commands; defaults to a placeholder. */
  inventory?: string;
}

export type StepKind = "read" | "backup" | "prepare" | "precheck" | "upgrade" | "verify";

/** One procedure step. Ids are stable: `<tool prefix>-<target series id>-<slug>`. */
export interface PlanStep {
  id: string;
  kind: StepKind;
  title: string;
  commands: string[];
  why: string;
  risks: string[];
  /** Glossary entry ids this step relies on. */
  concepts: string[];
  /** What can still be undone before this step and not after it. */
  pointOfNoReturn?: string;
  /** Constraint ids that put this step in the plan. */
  from?: string[];
}

export interface PlanPhase {
  id: string;
  title: string;
  steps: PlanStep[];
}

/** One upgrade from one series to the next (or to the next SLURP). */
export interface Hop {
  from: Series;
  to: Series;
  /** Series skipped by a SLURP hop. */
  skipped: Series[];
  toolVersion: { from: number; to: number };
  constraints: Constraint[];
  phases: PlanPhase[];
}

export interface Plan {
  tool: PlanTool;
  from: Series;
  to: Series;
  hops: Hop[];
  /** Sentences about the path: SLURP used, or why not. */
  notes: string[];
}

/** One result of an oslo.upgradecheck run, shaped like the journal's `check` payload. */
export interface CheckResult {
  name: string;
  severity: CheckSeverity;
  inhibitor: boolean;
  text: string;
  detail: {
    code: number | null;
    result: string;
    details: string | null;
    exitCode: number;
    format: "json" | "table" | "none";
  };
}
