import type { CloudSnapshot } from "../cloud/index.js";
import type { ConfigSnapshot } from "../deploy/index.js";
import type { SnapshotPayload } from "../journal/index.js";
import { bytes } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { asCloud, asConfig } from "./snapshot-data.js";

// Enough of the data to see its shape; the configuration page shows all of it, readably.
const DATA_PREVIEW = 4000;

const n = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function configLine(c: ConfigSnapshot): string {
  const hosts = new Set(Object.values(c.hostsByGroup).flat());
  return [
    c.tool,
    c.release ? `release ${c.release}` : null,
    c.baseDistro,
    n(c.enabledServices.length, "service"),
    `${n(hosts.size, "host")} in ${n(Object.keys(c.hostsByGroup).length, "group")}`,
    n(c.overrides.length, "override"),
    n(c.files.length, "file"),
    c.skipped.length ? `${c.skipped.length} skipped` : null,
  ]
    .filter(Boolean)
    .join(" · ");
}

function cloudLine(c: CloudSnapshot): string {
  const services = [...(c.compute?.services ?? []), ...(c.volume?.services ?? [])];
  const down = services.filter((s) => s.state !== "up").length;
  const agents = c.network?.agents ?? [];
  return [
    n(c.catalog.length, "catalog service"),
    `API versions of ${n(Object.keys(c.versions).length, "service")}`,
    services.length ? `${services.length - down} services up, ${down} down` : null,
    agents.length ? `${agents.filter((a) => a.alive).length}/${agents.length} agents alive` : null,
    c.baremetal ? n(c.baremetal.nodes.length, "bare-metal node") : null,
    n(c.findings.length, "finding"),
  ]
    .filter(Boolean)
    .join(" · ");
}

/** A snapshot event: a one-line summary, a link to the configuration page, the data collapsed. */
export function snapshotView(p: SnapshotPayload): SafeHtml {
  const config = p.scope === "config" ? asConfig(p.data) : null;
  const cloud = p.scope === "cloud" ? asCloud(p.data) : null;
  const line = config ? configLine(config) : cloud ? cloudLine(cloud) : null;
  const json = JSON.stringify(p.data, null, 1) ?? "";
  const cut = json.length > DATA_PREVIEW;
  return html`<div class="text"><strong>snapshot (${p.scope}):</strong> ${p.label}</div>
${line ? html`<div class="snapshot-summary">${line} · <a href="config/index.html">configuration reference</a></div>` : ""}
<details class="snapshot-data"><summary>data (${bytes(Buffer.byteLength(json))}${cut ? `, first ${bytes(DATA_PREVIEW)} shown` : ""})</summary><pre class="term">${cut ? `${json.slice(0, DATA_PREVIEW)}\n…` : json}</pre></details>`;
}
