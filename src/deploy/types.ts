import type { KnownSecret } from "../redact/index.js";

export type DeployTool = "kolla-ansible" | "kayobe" | "openstack-ansible";

/** One service's configuration override file (oslo INI), or an OSA `*_conf_overrides` variable. */
export interface ConfigOverride {
  service: string;
  /** The host it applies to, or null for every host of the service. */
  host: string | null;
  /** Path relative to the snapshot root (`config/nova/nova-compute.conf`). */
  file: string;
  /** Section → key → values; a key repeated in a section (oslo MultiStrOpt) keeps every value. */
  sections: Record<string, Record<string, string[]>>;
}

/** A deployment's configuration in one shape, whatever tool wrote it. Every string is redacted. */
export interface ConfigSnapshot {
  tool: DeployTool;
  root: string;
  release: string | null;
  baseDistro: string | null;
  enabledServices: string[];
  imageRegistry: string | null;
  imageTags: Record<string, string>;
  hostsByGroup: Record<string, string[]>;
  network: { interfaces: Record<string, string>; vips: Record<string, string> };
  overrides: ConfigOverride[];
  /** Merged globals / user variables, later files winning (secrets redacted). */
  variables: Record<string, unknown>;
  files: { path: string; sha256: string; text: string }[];
  /** Names of the keys of passwords.yml (and the like); never their values. */
  secretKeys: string[];
  /** What could not be read, and why (including merge notes such as duplicate INI sections). */
  skipped: { path: string; reason: string }[];
}

export interface SnapshotOptions {
  tool?: DeployTool;
  redactor?: { redact(s: string): string };
  /** Files larger than this are skipped without being opened. Default 8 MiB. */
  maxFileBytes?: number;
}

export interface SnapshotResult {
  snapshot: ConfigSnapshot;
  /** Values found in passwords.yml and similar files, for the caller to register as known secrets. */
  secrets: KnownSecret[];
}

export type ChangeKind = "added" | "removed" | "changed";

export interface Change {
  path: string;
  before: unknown;
  after: unknown;
  kind: ChangeKind;
}

export interface SnapshotDiff {
  sections: { title: string; changes: Change[] }[];
}
