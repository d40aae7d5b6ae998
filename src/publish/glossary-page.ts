import { glossary } from "../plan/index.js";
import { html, safeUrl } from "./html.js";
import { layout, type Rendered } from "./layout.js";

/** The glossary of upgrade concepts at `glossary/index.html`; entries are anchored by id. */
export function glossaryPage(entries = glossary()): Rendered {
  const sorted = [...entries].sort((a, b) => a.title.localeCompare(b.title));
  const body = html`<h1>Glossary</h1>
<p class="muted">The concepts the upgrade procedures rely on, for someone meeting them for the first time.</p>
<dl class="glossary">${sorted.map(
    (e) =>
      html`<dt id="${e.id}">${e.title}</dt><dd><p>${e.text}</p>${
        e.links.length
          ? html`<ul>${e.links.map((l) => html`<li><a href="${safeUrl(l.url)}" rel="noopener">${l.title}</a></li>`)}</ul>`
          : ""
      }</dd>`,
  )}</dl>`;
  return layout({ title: "Glossary", root: "../", body });
}
