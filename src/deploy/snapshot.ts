import { existsSync, realpathSync } from "node:fs";
import { resolve } from "node:path";
import { fail } from "../errors/index.js";
import { createRedactor } from "../redact/index.js";
import { detectTool, layoutOf } from "./detect.js";
import { readKayobe } from "./kayobe.js";
import { readKolla } from "./kolla.js";
import { groupsOf, inventoryVars, networkOf, sortKeys } from "./normalize.js";
import { readOsa } from "./osa.js";
import { newContext, type ReadContext } from "./read-context.js";
import { redactDeep, redactRecord } from "./redact-snapshot.js";
import type { ToolRead } from "./tool-read.js";
import type { ConfigSnapshot, DeployTool, SnapshotOptions, SnapshotResult } from "./types.js";

const READERS: Record<DeployTool, (ctx: ReadContext, base: string) => ToolRead> = {
  "kolla-ansible": readKolla,
  kayobe: readKayobe,
  "openstack-ansible": readOsa,
};

/**
 * Reads the deployment configuration in `dir` into one snapshot. What cannot be read is listed
 * in `skipped` and the rest is still returned; only when nothing at all is readable does it
 * throw (`MalformedYaml` with its location, `DeployConfigUnreadable` or
 * `DeployConfigNotFound`). Values of passwords.yml and the like are returned as `secrets`,
 * and every string of the snapshot has been through them and `opts.redactor`.
 */
export function snapshotConfig(dir: string, opts: SnapshotOptions = {}): SnapshotResult {
  const given = resolve(dir);
  if (!existsSync(given)) throw fail("DeployConfigNotFound", given);
  const tool = opts.tool ?? detectTool(given);
  if (!tool) throw fail("DeployConfigNotFound", given);
  const root = realpathSync(given);
  const ctx = newContext(root, opts.maxFileBytes);
  const read = READERS[tool](ctx, layoutOf(root, tool));
  if (nothingUsable(ctx)) {
    const first = ctx.skipped[0];
    throw (
      ctx.firstError ??
      fail("DeployConfigUnreadable", given, first ? `${first.path}: ${first.reason}` : "no files")
    );
  }
  const own = createRedactor(ctx.secrets);
  const redact = (s: string) =>
    opts.redactor ? opts.redactor.redact(own.redact(s)) : own.redact(s);
  return { snapshot: assemble(tool, given, ctx, read, redact), secrets: ctx.secrets };
}

function nothingUsable(ctx: ReadContext): boolean {
  return ctx.secrets.length === 0 && [...ctx.files.keys()].every((p) => ctx.unusable.has(p));
}

function assemble(
  tool: DeployTool,
  root: string,
  ctx: ReadContext,
  read: ToolRead,
  redact: (s: string) => string,
): ConfigSnapshot {
  const r = (s: string | null) => (s === null ? null : redact(s));
  const network = networkOf(read.variables, read.inventory);
  const variables = sortKeys({ ...read.variables, ...inventoryVars(read.inventory) });
  return {
    tool,
    root,
    release: r(read.release),
    baseDistro: r(read.baseDistro),
    enabledServices: read.enabledServices,
    imageRegistry: r(read.imageRegistry),
    imageTags: redactRecord(read.imageTags, redact),
    hostsByGroup: redactDeep(groupsOf(read.inventory), redact) as Record<string, string[]>,
    network: {
      interfaces: redactRecord(sortKeys({ ...network.interfaces, ...read.interfaces }), redact),
      vips: redactRecord(network.vips, redact),
    },
    overrides: read.overrides.map((o) => ({ ...o, sections: redactSections(o.sections, redact) })),
    variables: redactDeep(variables, redact) as Record<string, unknown>,
    files: [...ctx.files]
      .filter(([path]) => !ctx.secretFiles.has(path))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([path, f]) => ({ path, sha256: f.sha256, text: redact(f.text) })),
    secretKeys: [...ctx.secretKeys].sort(),
    skipped: ctx.skipped,
  };
}

function redactSections(
  sections: Record<string, Record<string, string[]>>,
  redact: (s: string) => string,
): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    Object.entries(sections).map(([name, keys]) => [
      name,
      redactDeep(keys, redact) as Record<string, string[]>,
    ]),
  );
}
