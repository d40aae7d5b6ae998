// What Liquid (and, for Jinja comments, a careful reader) would take as markup.
const LIQUID_OPENER = /\{\{|\{%|\{#/;
// A `{%` that could end a raw block: Liquid 4/5 match `{% endraw %}`, newer ones also `{%- endraw -%}`.
// Tokens that close `raw` always contain such a `{%`, so breaking every one keeps the block open.
const ENDRAW_START = /\{%(?=-?\s*endraw)/g;
const RAW_OPEN = "{% raw %}";
const RAW_CLOSE = "{% endraw %}";
// Closes raw, prints `{%` from a string literal, reopens raw: renders to exactly `{%`.
const BROKEN_TAG_START = `${RAW_CLOSE}{{ "{%" }}${RAW_OPEN}`;

/** True when `text` holds something Liquid would parse (`{{`, `{%`) or a Jinja comment (`{#`). */
export function hasLiquidOpener(text: string): boolean {
  return LIQUID_OPENER.test(text);
}

/**
 * Liquid source that renders to exactly `text` under strict Liquid: unchanged when it holds
 * no opener, otherwise wrapped in `{% raw %}…{% endraw %}`, with any `{% endraw %}` inside
 * the text split so that it cannot close the block early.
 */
export function liquidInert(text: string): string {
  if (!hasLiquidOpener(text)) return text;
  return RAW_OPEN + text.replace(ENDRAW_START, BROKEN_TAG_START) + RAW_CLOSE;
}
