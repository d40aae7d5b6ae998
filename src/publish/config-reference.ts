import type { ConfigOverride, ConfigSnapshot } from "../deploy/index.js";
import { showValue } from "./change-table.js";
import { html, type SafeHtml } from "./html.js";

function pairs(rows: [string, unknown][], head: [string, string]): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">none</p>`;
  return html`<div class="table-wrap"><table class="reference"><thead><tr><th>${head[0]}</th><th>${head[1]}</th></tr></thead>
<tbody>${rows.map(([k, v]) => html`<tr><td><code>${k}</code></td><td>${typeof v === "string" ? v : JSON.stringify(v)}</td></tr>`)}</tbody></table></div>`;
}

function deployed(c: ConfigSnapshot): SafeHtml {
  const groups = Object.entries(c.hostsByGroup).sort(([a], [b]) => a.localeCompare(b));
  return html`<h2 id="deployed">What is deployed</h2>
<dl class="summary">
<dt>Tool</dt><dd>${c.tool}</dd>
<dt>Release</dt><dd>${c.release ?? "—"}</dd>
<dt>Base distribution</dt><dd>${c.baseDistro ?? "—"}</dd>
<dt>Image registry</dt><dd>${c.imageRegistry ?? "—"}</dd>
<dt>Read from</dt><dd><code>${c.root}</code></dd>
</dl>
<h3>Enabled services (${c.enabledServices.length})</h3>
<ul class="inline-list">${c.enabledServices.map((s) => html`<li>${s}</li>`)}</ul>
<h3>Image tags</h3>${pairs(Object.entries(c.imageTags), ["Image", "Tag"])}
<h3>Hosts by group</h3>
<div class="table-wrap"><table class="reference"><thead><tr><th>Group</th><th>Hosts</th></tr></thead>
<tbody>${groups.map(([g, hosts]) => html`<tr><td><code>${g}</code></td><td>${hosts.join(", ")}</td></tr>`)}</tbody></table></div>
<h3>Network interfaces</h3>${pairs(Object.entries(c.network.interfaces), ["Variable", "Interface"])}
<h3>Virtual IPs</h3>${pairs(Object.entries(c.network.vips), ["Variable", "Address"])}`;
}

// The file as the operator wrote it (already redacted); rebuilt from the parsed sections when
// the snapshot did not keep it (OSA overrides live inside a YAML variable).
function iniText(o: ConfigOverride, files: ConfigSnapshot["files"]): string {
  const file = files.find((f) => f.path === o.file);
  if (file) return file.text;
  return Object.entries(o.sections)
    .map(
      ([section, keys]) =>
        `[${section}]\n${Object.entries(keys)
          .flatMap(([k, values]) => values.map((v) => `${k} = ${v}`))
          .join("\n")}\n`,
    )
    .join("\n");
}

function overrides(c: ConfigSnapshot): SafeHtml {
  const services = [...new Set(c.overrides.map((o) => o.service))].sort();
  const one = (o: ConfigOverride) =>
    html`<div class="override"><p><strong>${o.host ? `host ${o.host}` : "every host"}</strong> · <code>${o.file}</code></p>
<pre class="term ini">${iniText(o, c.files)}</pre></div>`;
  return html`<h2 id="overrides">How it is configured</h2>
<p class="muted">Overrides of the services' own configuration, per service and host, as written (secrets redacted).</p>
${services.length ? services.map((s) => html`<h3>${s}</h3>${c.overrides.filter((o) => o.service === s).map(one)}`) : html`<p class="muted">No overrides.</p>`}
<h3>Variables (${Object.keys(c.variables).length})</h3>
${pairs(
  Object.entries(c.variables).map(([k, v]) => [k, typeof v === "string" ? v : showValue(v)]),
  ["Variable", "Value"],
)}`;
}

function files(c: ConfigSnapshot): SafeHtml {
  return html`<h2 id="files">Files read</h2>
<ul class="files">${c.files.map((f) => html`<li><details><summary><code>${f.path}</code> <span class="muted">sha256 ${f.sha256.slice(0, 12)}</span></summary><pre class="term">${f.text}</pre></details></li>`)}</ul>
<p>${c.secretKeys.length} secret names (values never stored)${c.secretKeys.length ? html`: <span class="muted">${c.secretKeys.join(", ")}</span>` : ""}.</p>
${c.skipped.length ? html`<h3>Not read</h3><ul>${c.skipped.map((s) => html`<li><code>${s.path}</code>: ${s.reason}</li>`)}</ul>` : ""}`;
}

/** The configuration reference of one config snapshot: what is deployed, how, and the files. */
export function configReference(c: ConfigSnapshot): SafeHtml {
  return html`${deployed(c)}${overrides(c)}${files(c)}`;
}
