import { diffCloud } from "../cloud/index.js";
import { diffConfig } from "../deploy/index.js";
import type { JournalEvent } from "../journal/index.js";
import { changeTable, type ShownChange, type ShownSection } from "./change-table.js";
import { utc } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { timeTag } from "./layout.js";
import { firstAndLast, type Snapshots, type Taken } from "./snapshot-data.js";

/** Where a snapshot event's anchor is, seen from the page that links it. */
export type EventHref = (e: JournalEvent) => string;

function snapRef(t: Taken<unknown>, href: EventHref): SafeHtml {
  const p = t.event.payload;
  return html`<a href="${href(t.event)}">#${t.event.seq} ${p.label}</a> (${timeTag(t.event.time, utc(t.event.time))})`;
}

function isUp(v: unknown): boolean | null {
  if (typeof v === "string") return v.endsWith("/up");
  if (typeof v === "object" && v !== null && "alive" in v)
    return (v as { alive: unknown }).alive === true;
  return null;
}

// `compute.services.nova-compute@cmp1` → `nova-compute@cmp1 (compute)`.
function serviceName(path: string): string {
  const [area, , ...rest] = path.split(".");
  return `${rest.join(".")} (${area})`;
}

/** Services and agents whose state went from up to down (or vanished), and back. */
export function upDown(sections: readonly ShownSection[]): { down: string[]; back: string[] } {
  const down: string[] = [];
  const back: string[] = [];
  const watched = ["Compute", "Volume", "Network agents"];
  const changes: ShownChange[] = sections
    .filter((s) => watched.includes(s.title))
    .flatMap((s) => [...s.changes]);
  for (const c of changes) {
    if (!/^(compute|volume)\.services\.|^network\.agents\./.test(c.path)) continue;
    const before = isUp(c.before);
    const after = isUp(c.after);
    if (before === true && after !== true) down.push(serviceName(c.path));
    if (before === false && after === true) back.push(serviceName(c.path));
  }
  return { down, back };
}

function names(title: string, list: string[], cls: string): SafeHtml {
  if (list.length === 0) return html``;
  return html`<p><strong class="${cls}">${title}:</strong> ${list.join(", ")}</p>`;
}

function scopeBlock(
  heading: string,
  pair: [Taken<unknown>, Taken<unknown>] | null,
  only: Taken<unknown> | undefined,
  sections: () => ShownSection[],
  href: EventHref,
  extra: (s: ShownSection[]) => SafeHtml = () => html``,
): SafeHtml {
  if (!pair) {
    return only
      ? html`<h3>${heading}</h3><p class="muted">One snapshot so far (${snapRef(only, href)}): nothing to compare yet.</p>`
      : html``;
  }
  const s = sections();
  return html`<div class="scope-diff"><h3>${heading}</h3>
<p class="muted">Before: ${snapRef(pair[0], href)} · After: ${snapRef(pair[1], href)}</p>
${extra(s)}${s.length ? s.map((x) => changeTable(x, 4)) : html`<p>No differences.</p>`}</div>`;
}

/**
 * "What changed": the first and the last snapshot of each scope compared, as tables of
 * before → after grouped by what changed; empty when the journal holds no snapshot.
 */
export function whatChanged(snaps: Snapshots, href: EventHref): SafeHtml {
  if (snaps.config.length === 0 && snaps.cloud.length === 0) return html``;
  const config = firstAndLast(snaps.config);
  const cloud = firstAndLast(snaps.cloud);
  const configBlock = scopeBlock(
    "Configuration",
    config,
    snaps.config[0],
    () => (config ? diffConfig(config[0].data, config[1].data).sections : []),
    href,
  );
  const cloudBlock = scopeBlock(
    "Cloud APIs and services",
    cloud,
    snaps.cloud[0],
    () => (cloud ? diffCloud(cloud[0].data, cloud[1].data) : []),
    href,
    (s) => {
      const { down, back } = upDown(s);
      return html`${names("Went down", down, "bad-text")}${names("Came back", back, "ok-text")}`;
    },
  );
  return html`${configBlock}${cloudBlock}`;
}
