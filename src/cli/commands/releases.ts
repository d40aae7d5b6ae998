import path from "node:path";
import {
  type ReleaseFacts,
  refreshFromReleasesRepo,
  releases,
  renderPlatformsText,
} from "../../plan/index.js";
import type { Ctx } from "../context.js";
import { type Args, bool, str } from "../spec.js";

export interface ReleasesResult {
  facts: ReleaseFacts;
  refreshed?: unknown;
}

/** The OpenStack series and tool versions stacklog knows, or a refresh from openstack/releases. */
export async function run(args: Args, ctx: Ctx): Promise<ReleasesResult> {
  const repo = str(args, "from-repo");
  if (repo) {
    const refreshed = refreshFromReleasesRepo(path.resolve(ctx.cwd, repo), {
      write: bool(args, "write"),
    });
    return { facts: releases(), refreshed };
  }
  return { facts: releases() };
}

export function human(r: ReleasesResult): string {
  const f = r.facts;
  const tools = Object.keys(f.tools) as (keyof typeof f.tools)[];
  const head = `${"series".padEnd(18)}${"id".padEnd(8)}${"slurp".padEnd(7)}${"status".padEnd(14)}${"released".padEnd(12)}${tools.map((t) => t.padEnd(19)).join("")}`;
  const rows = f.series.map(
    (s) =>
      `${s.name.padEnd(18)}${s.id.padEnd(8)}${(s.slurp ? "yes" : "").padEnd(7)}${s.status.padEnd(14)}${(s.initialRelease ?? "").padEnd(12)}${tools.map((t) => String(f.tools[t].versions[s.name] ?? "").padEnd(19)).join("")}`,
  );
  const refreshed = r.refreshed
    ? "\n(refreshed from the openstack/releases checkout; add --write to save the tables)\n"
    : "";
  return `${head}\n${rows.join("\n")}\nSource: ${f.seriesSource.title} ${f.seriesSource.url ?? ""}\n${refreshed}\n${renderPlatformsText(f)}`;
}
