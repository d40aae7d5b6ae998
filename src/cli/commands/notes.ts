import path from "node:path";
import { fail } from "../../errors/index.js";
import { renderNotesMarkdown, type ScanResult, scanNotes } from "../../plan/notes/index.js";
import type { Ctx } from "../context.js";
import { type Args, list, str } from "../spec.js";

export interface NotesResult extends ScanResult {
  sections: string[] | null;
}

/** Release notes of a reno-managed repository between two versions, grouped by release and section. */
export async function run(args: Args, ctx: Ctx): Promise<NotesResult> {
  const repo = str(args, "repo");
  if (!repo)
    throw fail(
      "MissingArgument",
      "--repo PATH",
      "stacklog notes --repo ~/src/kolla-ansible --from 15.0.0 --to 16.0.0",
    );
  const sections = list(args, "section")
    .flatMap((s) => s.split(","))
    .filter(Boolean);
  const opts = { repo: path.resolve(ctx.cwd, repo) } as Parameters<typeof scanNotes>[0];
  const from = str(args, "from");
  const to = str(args, "to");
  const branch = str(args, "branch");
  if (from) opts.from = from;
  if (to) opts.to = to;
  if (branch) opts.branch = branch;
  const result = await scanNotes(opts);
  if (sections.length) {
    for (const r of result.releases) {
      for (const n of r.notes)
        n.sections = Object.fromEntries(
          Object.entries(n.sections).filter(([k]) => sections.includes(k)),
        );
      r.notes = r.notes.filter((n) => Object.keys(n.sections).length > 0);
    }
  }
  return { ...result, sections: sections.length ? sections : null };
}

export function human(r: NotesResult): string {
  const warn = r.warnings.map((w) => `<!-- warning: ${w} -->\n`).join("");
  return `${renderNotesMarkdown(r, r.sections ? { sections: r.sections } : {})}${warn}`;
}
