import type { CloudSnapshot, ServiceState } from "../cloud/index.js";
import { html, type SafeHtml } from "./html.js";

function table(head: string[], rows: (string | number | SafeHtml)[][]): SafeHtml {
  if (rows.length === 0) return html`<p class="muted">none</p>`;
  return html`<div class="table-wrap"><table class="reference"><thead><tr>${head.map((h) => html`<th>${h}</th>`)}</tr></thead>
<tbody>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`;
}

const stateBadge = (up: boolean, text: string) =>
  html`<span class="badge ${up ? "ok" : "bad"}">${text}</span>`;

function services(title: string, list: ServiceState[] | undefined): SafeHtml {
  if (!list) return html``;
  return html`<h3>${title}</h3>${table(
    ["Binary", "Host", "Zone", "Status", "State"],
    list.map((s) => [
      s.binary,
      s.host,
      s.zone ?? "—",
      s.status,
      stateBadge(s.state === "up", s.state),
    ]),
  )}`;
}

function countBy(values: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m].sort(([a], [b]) => a.localeCompare(b));
}

/** The cloud as one snapshot saw it: catalog, API versions and microversions, service states, findings. */
export function cloudReference(c: CloudSnapshot): SafeHtml {
  const versions = Object.entries(c.versions).flatMap(([type, list]) =>
    list.map((v) => [type, v.id, v.status, v.minVersion ?? "—", v.maxVersion ?? "—"]),
  );
  const nodes = c.baremetal?.nodes ?? [];
  return html`<h2 id="cloud">The cloud's APIs</h2>
<p class="muted">Keystone at <code>${c.authUrl}</code>${c.region ? ` · region ${c.region}` : ""} · ${c.identity.projects ?? "?"} projects, ${c.identity.users ?? "?"} users, ${c.identity.domains ?? "?"} domains</p>
<h3>Catalog</h3>${table(
    ["Type", "Name", "Endpoints"],
    c.catalog.map((s) => [
      s.type,
      s.name,
      html`${s.endpoints.map((e) => html`<div>${e.interface}${e.region ? ` (${e.region})` : ""}: <code>${e.url}</code></div>`)}`,
    ]),
  )}
<h3>API versions and microversions</h3>${table(["Service", "Version", "Status", "Min", "Max"], versions)}
${services("Compute services", c.compute?.services)}
${
  c.network
    ? html`<h3>Network agents</h3>${table(
        ["Type", "Binary", "Host", "Alive", "Admin up"],
        c.network.agents.map((a) => [
          a.agentType,
          a.binary,
          a.host,
          stateBadge(a.alive, a.alive ? "alive" : "dead"),
          a.adminStateUp ? "yes" : "no",
        ]),
      )}`
    : ""
}
${services("Volume services", c.volume?.services)}
${c.baremetal ? html`<h3>Bare-metal nodes (${nodes.length})</h3>${table(["Provision state", "Nodes"], countBy(nodes.map((x) => x.provisionState)))}` : ""}
<h3>Findings</h3>${table(
    ["Service", "URL", "Problem"],
    c.findings.map((f) => [f.service, f.url, f.problem]),
  )}`;
}
