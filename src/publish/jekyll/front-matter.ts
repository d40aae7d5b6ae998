import { stringify } from "yaml";

export type FrontMatterValue = string | number | boolean | null;

const HTML_SPECIAL: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "{": "&#123;",
  "}": "&#125;",
};

/**
 * A front-matter string for layouts that print it unescaped (`{{ page.title }}`): one line,
 * HTML special characters and braces as entities, so it is neither markup nor Liquid when a
 * layout or theme prints, `markdownify`s or re-renders it.
 */
export function fmText(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters become spaces.
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .replace(/[&<>"{}]/g, (ch) => HTML_SPECIAL[ch] as string)
  );
}

/** A Jekyll front-matter block (`---` YAML `---`), written by the `yaml` package. */
export function frontMatter(fields: Record<string, FrontMatterValue>): string {
  const yaml = stringify(fields, {
    lineWidth: 0,
    defaultStringType: "QUOTE_DOUBLE",
    defaultKeyType: "PLAIN",
  });
  return `---\n${yaml}---\n`;
}
