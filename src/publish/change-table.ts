import { html, type SafeHtml } from "./html.js";

/** One change between two snapshots, as both diffs (config and cloud) report it. */
export interface ShownChange {
  path: string;
  before: unknown;
  after: unknown;
  kind: "added" | "removed" | "changed";
}

/** A titled group of changes. */
export interface ShownSection {
  title: string;
  changes: readonly ShownChange[];
}

const MAX_VALUE = 200;

function isVersion(v: Record<string, unknown>): boolean {
  return "status" in v && "minVersion" in v && "maxVersion" in v;
}

/** A value as a person reads it: lists joined, API versions as `CURRENT 2.1–2.95`. */
export function showValue(v: unknown): string {
  if (v === undefined) return "—";
  if (v === null) return "(unset)";
  let text: string;
  if (typeof v === "string") text = v;
  else if (Array.isArray(v)) text = v.map(showValue).join(", ");
  else if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    text = isVersion(o)
      ? `${o.status}${o.minVersion || o.maxVersion ? ` ${o.minVersion ?? "?"}–${o.maxVersion ?? "?"}` : ""}`
      : Object.entries(o)
          .map(([k, x]) => `${k}=${showValue(x)}`)
          .join(" ");
  } else text = String(v);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const MARK = { added: "+", removed: "−", changed: "~" } as const;

function row(c: ShownChange): SafeHtml {
  return html`<tr class="change-${c.kind}"><td><span class="badge change" title="${c.kind}">${MARK[c.kind]}</span></td><td><code>${c.path}</code></td><td class="before">${showValue(c.before)}</td><td class="arrow">→</td><td class="after">${showValue(c.after)}</td></tr>`;
}

/** One section's changes as a table: what, before → after. */
export function changeTable(s: ShownSection, headingLevel: 3 | 4 = 3): SafeHtml {
  const n = s.changes.length;
  const title = html`${s.title} <span class="muted">(${n} change${n === 1 ? "" : "s"})</span>`;
  return html`${headingLevel === 3 ? html`<h3>${title}</h3>` : html`<h4>${title}</h4>`}
<div class="table-wrap"><table class="changes"><thead><tr><th></th><th>What</th><th>Before</th><th></th><th>After</th></tr></thead>
<tbody>${s.changes.map(row)}</tbody></table></div>`;
}
