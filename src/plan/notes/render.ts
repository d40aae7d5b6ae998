import type { ScanResult } from "./types.js";

/** reno's report order and titles: the prelude first, then its default sections. */
export const SECTION_TITLES: Record<string, string> = {
  prelude: "Prelude",
  features: "New Features",
  issues: "Known Issues",
  upgrade: "Upgrade Notes",
  deprecations: "Deprecation Notes",
  critical: "Critical Issues",
  security: "Security Issues",
  fixes: "Bug Fixes",
  other: "Other Notes",
};

/**
 * Markdown for a scan: one `##` heading per version, one `###` per section in reno's order
 * (or the order of `sections`), entries as list items; the prelude is plain paragraphs.
 * Entry text is kept as written (reStructuredText in most projects).
 */
export function renderNotesMarkdown(
  result: ScanResult,
  opts: { sections?: string[] } = {},
): string {
  const wanted = opts.sections ?? Object.keys(SECTION_TITLES);
  const out: string[] = [];
  for (const { version, notes } of result.releases) {
    const body: string[] = [];
    for (const section of wanted) {
      const entries = notes.flatMap((n) => n.sections[section] ?? []);
      if (entries.length === 0) continue;
      body.push(`### ${SECTION_TITLES[section] ?? section}`, "");
      if (section === "prelude") for (const e of entries) body.push(e.trim(), "");
      else body.push(...entries.map(listItem), "");
    }
    if (body.length) out.push(`## ${version}`, "", ...body);
  }
  return `${out.join("\n").trimEnd()}\n`;
}

function listItem(text: string): string {
  const [first, ...rest] = text.trim().split("\n");
  return [`- ${first}`, ...rest.map((l) => (l ? `  ${l}` : l))].join("\n");
}
