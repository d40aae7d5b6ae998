import path from "node:path";
import { snapshotConfig } from "../../deploy/index.js";
import { fail } from "../../errors/index.js";
import {
  type DeploymentFacts,
  type Plan,
  planUpgrade,
  releases,
  renderPlanMarkdown,
  renderPlanText,
} from "../../plan/index.js";
import { renderNotesMarkdown, type ScanResult, scanNotes } from "../../plan/notes/index.js";
import type { Ctx } from "../context.js";
import { loadRedaction } from "../redaction.js";
import { type Args, bool, str } from "../spec.js";
import { startFromPlan } from "./plan-start.js";

export interface PlanResult {
  plan: Plan;
  facts: DeploymentFacts | null;
  notes: ScanResult | null;
  journal: { id: string; title: string } | null;
  markdown: boolean;
}

/** What the plan needs to know of a deployment, from its configuration folder. */
export function deploymentFacts(dir: string, ctx: Ctx): DeploymentFacts {
  const { snapshot } = snapshotConfig(dir, { redactor: loadRedaction(ctx).redactor });
  const v = snapshot.variables as Record<string, unknown>;
  const facts: DeploymentFacts = { enabledServices: snapshot.enabledServices };
  if (snapshot.baseDistro) facts.kollaBaseDistro = snapshot.baseDistro;
  if (snapshot.release) facts.openstackRelease = snapshot.release;
  const quorum = v.om_enable_rabbitmq_quorum_queues;
  if (quorum !== undefined)
    facts.rabbitmqQuorumQueues = quorum === true || quorum === "yes" || quorum === "true";
  const inv = ["multinode", "inventory", "all-in-one"]
    .map((n) => path.join(dir, n))
    .find((p) => snapshot.files.some((f) => path.join(dir, f.path) === p));
  if (inv) facts.inventory = inv;
  return facts;
}

/** Notes of the tool's repository for the versions this plan crosses (after `from`, up to `to`). */
async function notesFor(plan: Plan, repo: string): Promise<ScanResult> {
  const versions = releases().tools[plan.tool].versions;
  const lo = versions[plan.from.name];
  const hi = versions[plan.to.name];
  const all = await scanNotes({ repo });
  const major = (v: string) => Number.parseInt(v, 10);
  return {
    ...all,
    releases: all.releases.filter(
      (r) =>
        lo !== undefined && hi !== undefined && major(r.version) > lo && major(r.version) <= hi,
    ),
  };
}

/** The upgrade path, procedure and prechecks for a tool between two series. */
export async function run(args: Args, ctx: Ctx): Promise<PlanResult> {
  const tool = str(args, "tool");
  const from = str(args, "from");
  const to = str(args, "to");
  if (!tool || !from || !to)
    throw fail(
      "MissingArgument",
      "--tool, --from and --to",
      "stacklog plan --tool kolla-ansible --from zed --to 2024.1",
    );
  const config = str(args, "config");
  const facts = config ? deploymentFacts(path.resolve(ctx.cwd, config), ctx) : null;
  const plan = planUpgrade({ tool: tool as never, from, to, ...(facts ? { config: facts } : {}) });
  const repo = str(args, "notes");
  const notes = repo ? await notesFor(plan, path.resolve(ctx.cwd, repo)) : null;
  const journal = bool(args, "start") ? startFromPlan(plan, ctx) : null;
  return { plan, facts, notes, journal, markdown: bool(args, "markdown") };
}

export function human(r: PlanResult): string {
  const body = r.markdown ? renderPlanMarkdown(r.plan) : renderPlanText(r.plan);
  const notes = r.notes
    ? `\n# Release notes that apply\n\n${renderNotesMarkdown(r.notes, { sections: ["prelude", "critical", "upgrade", "security", "deprecations", "issues"] })}`
    : "";
  const started = r.journal
    ? `\nStarted journal ${r.journal.id}: ${r.journal.title}\nIts phases come from this plan; \`stacklog status\` shows the next step.\n`
    : "";
  return `${body}${notes}${started}`;
}
