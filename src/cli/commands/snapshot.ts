import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { type ConfigSnapshot, type DeployTool, snapshotConfig } from "../../deploy/index.js";
import { fail } from "../../errors/index.js";
import type { Ctx } from "../context.js";
import { type Appended, appendEvents } from "../recorder.js";
import { loadRedaction, registerSecretSources } from "../redaction.js";
import { type Args, str } from "../spec.js";
import { snapshotCloudVerb } from "./snapshot-cloud.js";

const TOOLS: DeployTool[] = ["kolla-ansible", "kayobe", "openstack-ansible"];

export interface SnapshotSummary {
  scope: "config" | "cloud";
  label: string;
  appended: Appended;
  summary: Record<string, unknown>;
  registeredSecretSources: string[];
}

/** Files whose values are secrets in each tool's layout; they are registered automatically. */
function secretFiles(dir: string): string[] {
  const names = ["passwords.yml", "kolla/passwords.yml", "secrets.yml", "kolla/secrets.yml"].map(
    (n) => path.join(dir, n),
  );
  const osa = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => /^user_.*secret.*\.ya?ml$/.test(f))
        .map((f) => path.join(dir, f))
    : [];
  return [...names, ...osa].filter((f) => existsSync(f));
}

function defaultDir(ctx: Ctx): string {
  for (const d of ["/etc/kolla", "/etc/kayobe", "/etc/openstack_deploy"])
    if (existsSync(d)) return d;
  return ctx.cwd;
}

function configSummary(s: ConfigSnapshot): Record<string, unknown> {
  return {
    tool: s.tool,
    root: s.root,
    release: s.release,
    baseDistro: s.baseDistro,
    enabledServices: s.enabledServices.length,
    hosts: new Set(Object.values(s.hostsByGroup).flat()).size,
    overrides: s.overrides.length,
    files: s.files.length,
    skipped: s.skipped,
  };
}

async function snapshotConfigVerb(args: Args, ctx: Ctx): Promise<SnapshotSummary> {
  const dir = path.resolve(ctx.cwd, args.positionals[1] ?? defaultDir(ctx));
  const tool = str(args, "tool");
  if (tool && !TOOLS.includes(tool as DeployTool))
    throw fail(
      "BadValue",
      "--tool",
      TOOLS.join(" | "),
      "stacklog snapshot config /etc/kolla --tool kolla-ansible",
      tool,
    );
  // Register the deployment's secret files first, so this snapshot and every later record hide them.
  const registered = registerSecretSources(ctx, secretFiles(dir));
  const redaction = loadRedaction(ctx);
  const { snapshot } = snapshotConfig(dir, {
    ...(tool ? { tool: tool as DeployTool } : {}),
    redactor: redaction.redactor,
  });
  const label = str(args, "label") ?? `config ${snapshot.release ?? ""}`.trim();
  const appended = appendEvents(
    ctx,
    str(args, "journal"),
    () => [{ kind: "snapshot", scope: "config", label, data: snapshot }],
    redaction,
  );
  return {
    scope: "config",
    label,
    appended,
    summary: configSummary(snapshot),
    registeredSecretSources: registered,
  };
}

/** `snapshot config [DIR]` reads the deployment's configuration; `snapshot cloud` the live APIs. */
export async function run(args: Args, ctx: Ctx): Promise<SnapshotSummary> {
  const scope = args.positionals[0];
  if (scope === "config") return snapshotConfigVerb(args, ctx);
  if (scope === "cloud") return snapshotCloudVerb(args, ctx);
  throw fail(
    "BadValue",
    "what to snapshot",
    "config or cloud",
    "stacklog snapshot config /etc/kolla",
    scope ?? "(nothing)",
  );
}

export function human(r: SnapshotSummary): string {
  const where = r.appended.stored ? `#${r.appended.stored[0]?.seq}` : "(spooled)";
  const lines = [`${where} snapshot ${r.scope}: ${r.label}`];
  for (const [k, v] of Object.entries(r.summary)) {
    if (Array.isArray(v)) {
      if (v.length)
        lines.push(`  ${k}: ${v.length}`, ...v.slice(0, 10).map((x) => `    ${JSON.stringify(x)}`));
    } else lines.push(`  ${k}: ${v}`);
  }
  for (const f of r.registeredSecretSources)
    lines.push(`  secret source registered: ${f} (its values are hidden from now on)`);
  return `${lines.join("\n")}\n`;
}
