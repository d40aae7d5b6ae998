import { type HtmlValue, html, type SafeHtml } from "./html.js";

/** A rendered page or asset. */
export interface Rendered {
  contentType: string;
  body: string;
}

export interface LayoutOptions {
  title: string;
  /** Relative path from the page to the site root: `""`, `"../"`, `"../../"`. */
  root: string;
  body: SafeHtml;
  /** Extra attributes on `<main>` (already built with `html`). */
  mainAttrs?: SafeHtml;
  /** Extra scripts, as paths relative to the site root. */
  scripts?: string[];
}

/** The page shell every page shares: head, site header, main, scripts. */
export function layout(o: LayoutOptions): Rendered {
  const scripts: HtmlValue[] = (o.scripts ?? []).map(
    (s) => html`<script src="${o.root}${s}"></script>`,
  );
  const body = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="no-referrer">
<title>${o.title} · stacklog</title>
<link rel="stylesheet" href="${o.root}assets/site.css">
</head>
<body>
<header class="site">
<a class="brand" href="${o.root}index.html">stacklog</a>
<nav><a href="${o.root}index.html">Journeys</a> · <a href="${o.root}lessons/index.html">Lessons</a> · <a href="${o.root}search/index.html">Search</a> · <a href="${o.root}glossary/index.html">Glossary</a></nav>
</header>
<main${o.mainAttrs ?? ""}>
${o.body}
</main>
<script src="${o.root}assets/site.js"></script>
${scripts}
</body>
</html>
`;
  return { contentType: "text/html; charset=utf-8", body: body.value };
}

/** A `<time>` showing UTC; the site script adds local time on hover. */
export function timeTag(ms: number | null, text: string): SafeHtml {
  if (ms === null) return html`<span class="muted">—</span>`;
  return html`<time datetime="${new Date(ms).toISOString()}">${text}</time>`;
}
