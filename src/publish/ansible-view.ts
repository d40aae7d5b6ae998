import { html, type SafeHtml } from "./html.js";

// summary.ansible is `unknown` in the journal types: it is read field by field, and whatever
// does not have the expected shape is left out.
type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);
const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string => (typeof x === "string" ? x : "");
const num = (x: unknown): number => (typeof x === "number" && Number.isFinite(x) ? x : 0);

const RECAP_COLUMNS = ["ok", "changed", "unreachable", "failed", "skipped", "rescued", "ignored"];

function failedTasks(findings: unknown[]): SafeHtml {
  const rows = findings.filter(isObj).filter((f) => f.ignored !== true);
  if (rows.length === 0) return html``;
  const items = rows.slice(0, 50).map(
    (
      f,
    ) => html`<li><strong>${str(f.status) || "failed"}</strong>: ${str(f.task)} on <code>${str(f.host)}</code>
${str(f.play) ? html`<span class="muted">(play ${str(f.play)})</span>` : ""}${str(f.message) ? html`<pre class="term">${str(f.message)}</pre>` : ""}</li>`,
  );
  const more = rows.length > 50 ? html`<li class="muted">… and ${rows.length - 50} more</li>` : "";
  return html`<div class="ansible-failed"><strong>Failed tasks</strong><ul>${items}${more}</ul></div>`;
}

function recapTable(recap: unknown[]): SafeHtml {
  const rows = recap.filter(isObj);
  if (rows.length === 0) return html``;
  const head = RECAP_COLUMNS.map((c) => html`<th>${c}</th>`);
  const body = rows.slice(0, 500).map((r) => {
    const bad = num(r.failed) + num(r.unreachable) > 0;
    return html`<tr${bad ? html` class="ansible-failed"` : ""}><td>${str(r.host)}</td>${RECAP_COLUMNS.map((c) => html`<td class="num">${num(r[c])}</td>`)}</tr>`;
  });
  return html`<details class="recap"><summary>PLAY RECAP (${rows.length} hosts)</summary>
<div class="table-wrap"><table><thead><tr><th>host</th>${head}</tr></thead><tbody>${body}</tbody></table></div></details>`;
}

/** Failed tasks and the recap of a command's parsed Ansible summary; empty when there is none. */
export function ansibleView(summary: unknown): SafeHtml {
  if (!isObj(summary)) return html``;
  const errors = arr(summary.errors).map(str).filter(Boolean);
  return html`<div class="ansible">${failedTasks(arr(summary.findings))}${
    errors.length
      ? html`<pre class="term ansible-failed">${errors.slice(0, 20).join("\n")}</pre>`
      : ""
  }${recapTable(arr(summary.recap))}</div>`;
}
