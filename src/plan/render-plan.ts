import type { Constraint, Hop, Plan, PlanStep, Source } from "./types.js";

/** The plan for a terminal: path, constraints, then numbered steps per phase. */
export function renderPlanText(plan: Plan): string {
  const out = [
    `${plan.tool}: ${plan.from.name} (${plan.from.id}) → ${plan.to.name} (${plan.to.id}), ${plan.hops.length} hop(s)`,
  ];
  for (const n of plan.notes) out.push(`  note: ${n}`);
  for (const hop of plan.hops) out.push("", ...hopText(hop));
  return `${out.join("\n")}\n`;
}

function hopText(hop: Hop): string[] {
  const out = [
    `== ${hop.from.id} → ${hop.to.id} (${hop.toolVersion.from}.x → ${hop.toolVersion.to}.x)${hop.skipped.length ? `, skipping ${hop.skipped.map((s) => s.id).join(", ")}` : ""}`,
  ];
  for (const c of hop.constraints)
    out.push(
      `  [${c.severity}] ${c.text}${c.condition ? ` (applies ${c.condition})` : ""}`,
      ...sourcesOf(c).map((s) => `      source: ${s.title} <${s.url}>`),
    );
  for (const phase of hop.phases) {
    out.push(`  -- ${phase.title}`);
    for (const s of phase.steps) out.push(...stepText(s));
  }
  return out;
}

function stepText(s: PlanStep): string[] {
  const out = [`    ${s.id}  ${s.title}`, `      why: ${s.why}`];
  for (const c of s.commands) out.push(`      $ ${c}`);
  for (const r of s.risks) out.push(`      ! ${r}`);
  if (s.pointOfNoReturn) out.push(`      POINT OF NO RETURN: ${s.pointOfNoReturn}`);
  return out;
}

/** The plan as Markdown, with glossary links as `glossary.md#id` anchors. */
export function renderPlanMarkdown(plan: Plan, glossaryHref = "glossary.md"): string {
  const out = [
    `# Upgrade plan: ${plan.tool} ${plan.from.name} (${plan.from.id}) → ${plan.to.name} (${plan.to.id})`,
    "",
  ];
  for (const n of plan.notes) out.push(`- ${n}`);
  for (const hop of plan.hops) out.push("", ...hopMarkdown(hop, glossaryHref));
  return `${out.join("\n")}\n`;
}

function hopMarkdown(hop: Hop, href: string): string[] {
  const out = [
    `## ${hop.from.id} → ${hop.to.id}`,
    "",
    "| severity | constraint | source |",
    "| --- | --- | --- |",
  ];
  for (const c of hop.constraints)
    out.push(
      `| ${c.severity} | ${cell(c.text)}${c.condition ? ` _(applies ${c.condition})_` : ""} | ${sourcesOf(
        c,
      )
        .map((s) => `[${cell(s.title)}](${s.url})`)
        .join("; ")} |`,
    );
  for (const phase of hop.phases) {
    out.push("", `### ${phase.title}`);
    for (const s of phase.steps) {
      out.push("", `#### \`${s.id}\` ${s.title}`, "", s.why, "", "```sh", ...s.commands, "```");
      for (const r of s.risks) out.push(`- ⚠ ${r}`);
      if (s.pointOfNoReturn) out.push("", `> **Point of no return.** ${s.pointOfNoReturn}`);
      out.push("", `Concepts: ${s.concepts.map((c) => `[${c}](${href}#${c})`).join(", ")}`);
    }
  }
  return out;
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function sourcesOf(c: Constraint): Source[] {
  return [c.source, ...(c.seeAlso ?? [])];
}
