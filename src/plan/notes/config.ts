import nodeFs from "node:fs";
import path from "node:path";
import { parseDocument } from "yaml";
import { fail } from "../../errors/index.js";
import type { ReportLayout } from "./types.js";
import { DEFAULT_NAMING, type NamingOptions } from "./versions.js";

/** A repository's reno settings: its configuration file over reno's defaults. */
export interface RenoSettings {
  /** The notes folder, from the repository root (`releasenotes/<notesdir>`). */
  notesDir: string;
  naming: NamingOptions;
  branch: string | undefined;
  earliestVersion: string | undefined;
  stopAtBranchBase: boolean;
  ignoreNullMerges: boolean;
  /** File names or ids of notes to leave out. */
  ignoreNotes: string[];
  layout: ReportLayout;
}

/** reno's default report sections, in its order. */
export const DEFAULT_SECTIONS: ReportLayout["sections"] = [
  { name: "features", title: "New Features" },
  { name: "issues", title: "Known Issues" },
  { name: "upgrade", title: "Upgrade Notes" },
  { name: "deprecations", title: "Deprecation Notes" },
  { name: "critical", title: "Critical Issues" },
  { name: "security", title: "Security Issues" },
  { name: "fixes", title: "Bug Fixes" },
  { name: "other", title: "Other Notes" },
];

const RELNOTES = "releasenotes";

// Options that only `reno new` or `reno semver-next` read: they do not change a report.
const NOT_FOR_REPORTS = new Set([
  "template",
  "allow_subdirectories",
  "semver_major",
  "semver_minor",
  "semver_patch",
]);
// Options of later reno versions, with the value that gives the behaviour stacklog has.
const LATER_RENO: Record<string, unknown[]> = {
  default_branch: ["master"],
  add_release_date: [false],
  encoding: [null, "utf-8", "utf8"],
  branch_sort_re: [],
  branch_sort_prefix: [],
};

type Reader = (file: string) => string | undefined;

const readIfFile: Reader = (file) => {
  try {
    const stat = nodeFs.statSync(file, { throwIfNoEntry: false });
    return stat?.isFile() ? nodeFs.readFileSync(file, "utf8") : undefined;
  } catch {
    // reno only reads a configuration it finds; an unreadable path is none.
    return undefined;
  }
};

/**
 * Reads reno's configuration the way reno does: `releasenotes/config.yaml`, else `reno.yaml`
 * at the repository root, from the working tree. Options stacklog does not follow are named in
 * one warning; a value of the wrong type is warned about and left at its default.
 */
export function readRenoConfig(
  repo: string,
  warn: (msg: string) => void,
  read: Reader = readIfFile,
): RenoSettings {
  const settings = defaults();
  for (const rel of [`${RELNOTES}/config.yaml`, "reno.yaml"]) {
    const file = path.join(repo, rel);
    const text = read(file);
    if (text === undefined) continue;
    apply(settings, parseConfig(file, text), (m) => warn(`reno configuration ${rel}: ${m}`));
    break;
  }
  return settings;
}

function defaults(): RenoSettings {
  return {
    notesDir: `${RELNOTES}/notes`,
    naming: { ...DEFAULT_NAMING },
    branch: undefined,
    earliestVersion: undefined,
    stopAtBranchBase: true,
    ignoreNullMerges: true,
    ignoreNotes: [],
    layout: { prelude: "prelude", sections: DEFAULT_SECTIONS, unreleasedTitle: "" },
  };
}

function parseConfig(file: string, text: string): Record<string, unknown> {
  // PyYAML reads YAML 1.1: `yes`/`no`/`on`/`off` are booleans there.
  const doc = parseDocument(text, { version: "1.1", uniqueKeys: false });
  const err = doc.errors[0];
  if (err) {
    const pos = err.linePos?.[0] ?? { line: 1, col: 1 };
    throw fail("MalformedYaml", file, pos.line, pos.col, err.message.split("\n")[0] ?? err.code);
  }
  const data = doc.toJS() as unknown;
  if (data === null || data === undefined) return {};
  if (typeof data !== "object" || Array.isArray(data))
    throw fail(
      "BadValue",
      "reno configuration",
      "a mapping of option names",
      "notesdir: notes",
      file,
    );
  return data as Record<string, unknown>;
}

function apply(s: RenoSettings, conf: Record<string, unknown>, warn: (m: string) => void): void {
  const ignored: string[] = [];
  const text = (key: string, set: (v: string) => void) => {
    const v = conf[key];
    if (typeof v === "string") set(v);
    else warn(`${key} must be a string; left at its default`);
  };
  for (const [key, value] of Object.entries(conf)) {
    // reno sets an option to whatever the file says; a null leaves stacklog's default.
    if (value === null && !(key in LATER_RENO)) continue;
    switch (key) {
      case "notesdir":
        text(key, (v) => (s.notesDir = path.posix.join(RELNOTES, v)));
        break;
      case "branch":
        text(key, (v) => (s.branch = v));
        break;
      case "earliest_version":
        text(key, (v) => (s.earliestVersion = v));
        break;
      case "release_tag_re":
        text(key, (v) => (s.naming.releaseTagRe = v));
        break;
      case "pre_release_tag_re":
        text(key, (v) => (s.naming.preReleaseTagRe = v));
        break;
      case "branch_name_re":
        text(key, (v) => (s.naming.branchNameRe = v));
        break;
      case "closed_branch_tag_re":
        text(key, (v) => (s.naming.closedBranchTagRe = v));
        break;
      case "branch_name_prefix":
        text(key, (v) => (s.naming.branchNamePrefix = v));
        break;
      case "prelude_section_name":
        text(key, (v) => (s.layout.prelude = v));
        break;
      case "unreleased_version_title":
        text(key, (v) => (s.layout.unreleasedTitle = v));
        break;
      case "collapse_pre_releases":
        s.naming.collapsePreReleases = truthy(value);
        break;
      case "stop_at_branch_base":
        s.stopAtBranchBase = truthy(value);
        break;
      case "ignore_null_merges":
        s.ignoreNullMerges = truthy(value);
        break;
      case "ignore_notes":
        if (Array.isArray(value) && value.every((v) => typeof v === "string"))
          s.ignoreNotes = value;
        else warn("ignore_notes must be a list of note file names or ids; left empty");
        break;
      case "sections": {
        const list = sections(value);
        if (list) s.layout.sections = list;
        else warn("sections must be a list of [name, title] pairs; reno's defaults are used");
        break;
      }
      default:
        if (NOT_FOR_REPORTS.has(key)) break;
        if (!(key in LATER_RENO)) ignored.push(`${key} (not a reno option)`);
        else if (!LATER_RENO[key]?.includes(value)) ignored.push(key);
    }
  }
  if (ignored.length)
    warn(
      `stacklog does not follow ${ignored.join(", ")}; it reads notes as reno 2.11 does without them`,
    );
}

function sections(value: unknown): ReportLayout["sections"] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: ReportLayout["sections"] = [];
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return undefined;
    const [name, title] = pair as unknown[];
    if (typeof name !== "string" || typeof title !== "string") return undefined;
    out.push({ name, title });
  }
  return out;
}

// Python's truth value, which is what reno tests these options with.
function truthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (v && typeof v === "object") return Object.keys(v).length > 0;
  return Boolean(v);
}
