import type { Journal } from "../../journal/index.js";
import type { Ctx } from "../context.js";
import type { Args } from "../spec.js";
import { journalRef } from "../state.js";
import { openForRead } from "../store-access.js";
import { oneLine, paint, utc } from "./format.js";

export interface ListResult {
  current: string | null;
  journals: Journal[];
}

export async function run(_args: Args, ctx: Ctx): Promise<ListResult> {
  const store = openForRead(ctx);
  try {
    // (a state file that cannot be read hides only which journal is current: said once, on stderr)
    return { current: journalRef(ctx, undefined), journals: store.listJournals() };
  } finally {
    store.close();
  }
}

export function human(r: ListResult, ctx: Ctx): string {
  if (r.journals.length === 0) return 'No journals yet. Start one: stacklog start --title "..."\n';
  const rows = r.journals.map((j) => {
    const mark = j.id === r.current ? paint(ctx, "green", "*") : " ";
    // the series, unless the title names them already ("Rehearsal 2023.1 → 2024.1") or gives a
    // path of its own ("Review: Zed → 2024.1", plan --start's "kolla-ansible upgrade zed → antelope")
    const title = j.title.toLowerCase();
    const named =
      title.includes(" → ") ||
      [j.fromSeries, j.toSeries].every((s) => !s || title.includes(s.toLowerCase()));
    const path =
      (j.fromSeries || j.toSeries) && !named
        ? ` ${j.fromSeries ?? "?"} → ${j.toSeries ?? "?"}`
        : "";
    return `${mark} ${j.id}  ${j.status.padEnd(11)} ${utc(j.startedAt ?? j.createdAt)}  ${oneLine(`${j.title}${path}`)}`;
  });
  return `${rows.join("\n")}\n`;
}
