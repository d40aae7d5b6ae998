import type { JournalReader } from "../../journal/index.js";
import { findingsBlocks, phaseTable, summaryBlocks } from "./account-summary.js";
import { phaseAnchor } from "./event-anchor.js";
import { eventBlocks } from "./event-block.js";
import { frontMatter } from "./front-matter.js";
import type { JournalModel, PhaseSection } from "./journal-model.js";
import { mdAnchor } from "./markdown.js";
import type { Scribe } from "./scribe.js";
import { humanDuration, utcDateTime } from "./time-format.js";

export interface AccountOptions {
  reader: JournalReader;
  permalink: string;
  cssUrl: string;
  tailBytes: number;
}

/** The chronological account of one journal as a `_pages` Markdown page. */
export function accountPage(model: JournalModel, scribe: Scribe, opts: AccountOptions): string {
  scribe.about(`journal ${model.journal.id} title`);
  const head = frontMatter({
    layout: "single",
    title: scribe.frontMatter(model.journal.title),
    permalink: opts.permalink,
    classes: "wide",
    author_profile: false,
    toc: true,
    toc_label: "Contents",
  });
  const ctx = { model, reader: opts.reader, scribe, tailBytes: opts.tailBytes };
  const blocks = [
    `<link rel="stylesheet" href="{{ '${opts.cssUrl}' | relative_url }}">`,
    ...summaryBlocks(model, scribe),
    ...phaseTable(model, scribe),
    ...findingsBlocks(model, scribe),
    "## Timeline",
    "All times are UTC. Commands show their last output; the full record is in the stacklog store.",
    ...model.sections.flatMap((s, i) => [
      ...sectionHead(s, i, scribe),
      ...s.events.flatMap((e) => eventBlocks(e, ctx)),
    ]),
    `*Exported by stacklog from journal ${scribe.text(model.journal.id)}.*`,
  ];
  return `${head}\n${blocks.join("\n\n")}\n`;
}

function sectionHead(s: PhaseSection, index: number, scribe: Scribe): string[] {
  scribe.about(`phase ${index + 1}`);
  const name = s.name === null ? "Outside any phase" : `Phase: ${scribe.text(s.name)}`;
  const span =
    s.name === null
      ? "Events recorded while no phase was open."
      : s.began === null
        ? "No begin recorded."
        : s.ended === null
          ? `Began ${utcDateTime(s.began)}; no end recorded.`
          : `${utcDateTime(s.began)} to ${utcDateTime(s.ended)}, ${humanDuration(s.ended - s.began)}.`;
  return [`### ${mdAnchor(phaseAnchor(index))}${name}`, span];
}
