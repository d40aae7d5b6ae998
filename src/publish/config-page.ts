import type { Journal, JournalEvent } from "../journal/index.js";
import { cloudReference } from "./cloud-reference.js";
import { configReference } from "./config-reference.js";
import { utc } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { layout, type Rendered, timeTag } from "./layout.js";
import { type Snapshots, snapshotsOf, type Taken } from "./snapshot-data.js";
import { whatChanged } from "./what-changed.js";

const fromAccount = (e: JournalEvent) => `../index.html#e-${e.id}`;

function source(t: Taken<unknown>): SafeHtml {
  return html`<a href="${fromAccount(t.event)}">#${t.event.seq} ${t.event.payload.label}</a>, ${timeTag(t.event.time, utc(t.event.time))}`;
}

/** True when the journal has a snapshot the configuration page can show. */
export function hasReference(snaps: Snapshots): boolean {
  return snaps.config.length > 0 || snaps.cloud.length > 0;
}

/**
 * The configuration reference of a journal at `journals/<id>/config/index.html`, drawn from its
 * latest config and cloud snapshots, with what changed during the journal; null without snapshots.
 */
export function configPage(j: Journal, events: readonly JournalEvent[]): Rendered | null {
  const snaps = snapshotsOf(events);
  if (!hasReference(snaps)) return null;
  const config = snaps.config.at(-1);
  const cloud = snaps.cloud.at(-1);
  const changed = whatChanged(snaps, fromAccount);
  const body = html`<p><a href="../index.html">← ${j.title}</a></p>
<h1>Configuration reference</h1>
<p class="muted">Drawn from the system's own configuration as recorded in this journal${config ? html`: configuration from ${source(config)}` : ""}${cloud ? html`; cloud from ${source(cloud)}` : ""}. Secrets are redacted.</p>
<nav class="toc">${config ? html`<a href="#deployed">What is deployed</a> · <a href="#overrides">How it is configured</a> · <a href="#files">Files</a> · ` : ""}${cloud ? html`<a href="#cloud">Cloud APIs</a> · ` : ""}<a href="#changed">What changed</a></nav>
${config ? configReference(config.data) : html`<p class="muted">No configuration snapshot in this journal.</p>`}
${cloud ? cloudReference(cloud.data) : ""}
<h2 id="changed">What changed during the journal</h2>
${changed.value ? changed : html`<p class="muted">Nothing to compare.</p>`}`;
  return layout({ title: `Configuration of ${j.title}`, root: "../../../", body });
}
