import { DEFAULT_SECTIONS } from "./config.js";
import type { ReportLayout, ScanResult } from "./types.js";

/** reno's default report order and titles: the prelude first, then its default sections. */
export const SECTION_TITLES: Record<string, string> = {
  prelude: "Prelude",
  ...Object.fromEntries(DEFAULT_SECTIONS.map((s) => [s.name, s.title])),
};

/**
 * Markdown for a scan, laid out as `reno report` lays it out with the repository's
 * configuration: one `##` heading per version (unreleased ones under the configured title),
 * the prelude as plain paragraphs, then one `###` per section in the configured order with
 * its entries as list items. `sections` keeps only those sections, in its order. Entry text
 * is kept as written (reStructuredText in most projects).
 */
export function renderNotesMarkdown(
  result: Pick<ScanResult, "releases"> & { layout?: ReportLayout },
  opts: { sections?: string[] } = {},
): string {
  const layout = result.layout ?? {
    prelude: "prelude",
    sections: DEFAULT_SECTIONS,
    unreleasedTitle: "",
  };
  const titles = new Map(layout.sections.map((s) => [s.name, s.title]));
  titles.set(layout.prelude, titleCase(layout.prelude.replaceAll("_", " ")));
  const wanted = opts.sections ?? [layout.prelude, ...layout.sections.map((s) => s.name)];
  const out: string[] = [];
  for (const { version, notes } of result.releases) {
    const body: string[] = [];
    for (const section of wanted) {
      const entries = notes.flatMap((n) => n.sections[section] ?? []);
      if (entries.length === 0) continue;
      body.push(`### ${titles.get(section) ?? SECTION_TITLES[section] ?? section}`, "");
      if (section === layout.prelude) for (const e of entries) body.push(e.trim(), "");
      else body.push(...entries.map(listItem), "");
    }
    const title =
      version.includes("-") && layout.unreleasedTitle ? layout.unreleasedTitle : version;
    if (body.length) out.push(`## ${title}`, "", ...body);
  }
  return `${out.join("\n").trimEnd()}\n`;
}

// Python's str.title(): each run of letters starts upper case, the rest lower case.
function titleCase(text: string): string {
  return text.replace(/\p{L}+/gu, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase());
}

function listItem(text: string): string {
  const [first, ...rest] = text.trim().split("\n");
  return [`- ${first}`, ...rest.map((l) => (l ? `  ${l}` : l))].join("\n");
}
