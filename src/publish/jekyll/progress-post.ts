import { count, outcomeLine, whatLine } from "./account-summary.js";
import { frontMatter } from "./front-matter.js";
import type { JournalModel } from "./journal-model.js";
import type { Scribe } from "./scribe.js";
import { humanDuration, utcDate } from "./time-format.js";

export interface PostOptions {
  permalink: string;
  accountUrl: string;
  author: string;
  category: string;
}

/** The date a progress post carries: the journal's last recorded moment, as `YYYY-MM-DD`. */
export function postDate(model: JournalModel): string {
  return utcDate(model.end);
}

/** A short progress post for the `blogpost` collection, linking to the account page. */
export function progressPost(model: JournalModel, scribe: Scribe, opts: PostOptions): string {
  const j = model.journal;
  scribe.about(`journal ${j.id} post`);
  const head = frontMatter({
    layout: "blog",
    permalink: opts.permalink,
    title: scribe.frontMatter(j.title),
    category: scribe.frontMatter(opts.category),
    subtitle: scribe.frontMatter(subtitle(model)),
    author: scribe.frontMatter(opts.author),
    date: postDate(model),
  });
  const lasted =
    j.endedAt === null
      ? `running for ${humanDuration(model.end - model.start)}`
      : `took ${humanDuration(j.endedAt - model.start)}`;
  const body = [
    `Progress on ${whatLine(model, scribe)}: the journal is ${j.status} and ${lasted}.`,
    `- ${outcomeLine(model)}\n- ${count(model.sections.filter((s) => s.name !== null).length, "phase")}, ${count(model.downtime.length, "downtime window")}`,
    `[Read the full account]({{ '${opts.accountUrl}' | relative_url }}).`,
  ];
  return `${head}\n${body.join("\n\n")}\n`;
}

function subtitle(model: JournalModel): string {
  const j = model.journal;
  const series = j.fromSeries || j.toSeries ? `${j.fromSeries ?? "?"} to ${j.toSeries ?? "?"}` : "";
  const where = [j.system, j.site].filter(Boolean).join(" at ");
  const parts = [where, series, j.tool ? `with ${j.tool}` : ""].filter((s) => s !== "");
  return `${parts.join(", ")}${parts.length > 0 ? " — " : ""}${j.status}`;
}
