import { liquidInert } from "./liquid-inert.js";

// Every character kramdown accepts a backslash escape for (kramdown/parser/kramdown/escaped_chars.rb).
// With `{` escaped and `%` as an entity, prose never holds `{{`, `{%` or `{#` and needs no raw block.
const KRAMDOWN_ESCAPABLE = /[\\.*_+`<>()[\]{}#!:|"'$=-]/g;

/**
 * Text as one line of Markdown that kramdown renders literally: no emphasis, links, HTML,
 * smart quotes, IALs or Liquid. Newlines become spaces.
 */
export function mdText(text: string): string {
  return (
    text
      .replace(/\s+/g, " ")
      .trim()
      .replace(KRAMDOWN_ESCAPABLE, "\\$&")
      // Entities last: their `#` must stay unescaped.
      .replace(/&/g, "&amp;")
      .replace(/~/g, "&#126;")
      .replace(/%/g, "&#37;")
  );
}

/** Multi-line text as Markdown paragraphs; line breaks inside a paragraph are kept. */
export function mdParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n/)
    .map((para) =>
      para
        .split("\n")
        .map((line) => mdText(line))
        .filter((line) => line !== "")
        .join("  \n"),
    )
    .filter((para) => para !== "")
    .join("\n\n");
}

/**
 * A fenced code block showing `code` verbatim, Liquid-inert. The fence is longer than any
 * backtick run inside, so the content cannot close it.
 */
export function mdCodeBlock(code: string, lang = "text"): string {
  const body = code.replace(/\r\n?/g, "\n").replace(/\n+$/, "");
  const longestRun = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(Math.max(3, longestRun + 1));
  return liquidInert(`${fence}${lang}\n${body}\n${fence}`);
}

/** An empty HTML anchor for in-page links; `id` must already be a safe token. */
export function mdAnchor(id: string): string {
  return `<a id="${id}"></a>`;
}

/** A link within the page to an anchor; `label` is escaped. */
export function mdLinkTo(anchor: string, label: string): string {
  return `[${mdText(label)}](#${anchor})`;
}

/** A status badge styled by assets/stacklog/stacklog.css; `tone` must be a safe token. */
export function mdBadge(tone: string, label: string): string {
  return `<span class="stacklog-badge stacklog-${tone}">${mdText(label)}</span>`;
}
