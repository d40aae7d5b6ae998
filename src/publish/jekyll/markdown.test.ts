import { describe, expect, it } from "vitest";
import { mdCodeBlock, mdParagraphs, mdText } from "./markdown.js";

describe("mdText", () => {
  it("escapes Markdown, HTML and kramdown syntax so the text renders literally", () => {
    expect(mdText("*bold* <b>x</b> [l](u) {: .c} a_b | 1. & ~~s~~")).toBe(
      String.raw`\*bold\* \<b\>x\</b\> \[l\]\(u\) \{\: \.c\} a\_b \| 1\. &amp; &#126;&#126;s&#126;&#126;`,
    );
  });

  it("leaves no Liquid or Jinja opener in prose", () => {
    const out = mdText("{{ x }} {% if y %} {# z #} {%- endraw -%}");
    expect(out).not.toMatch(/\{\{|\{%|\{#/);
  });

  it("puts multi-line text on one line", () => {
    expect(mdText("a\n  b\tc")).toBe("a b c");
  });
});

describe("mdParagraphs", () => {
  it("keeps paragraphs and line breaks without letting indentation start a code block", () => {
    expect(mdParagraphs("first\n    indented\n\nsecond")).toBe("first  \nindented\n\nsecond");
  });
});

describe("mdCodeBlock", () => {
  it("uses a fence longer than any backtick run inside", () => {
    const out = mdCodeBlock("echo ```` done", "shell");
    expect(out).toBe("`````shell\necho ```` done\n`````");
  });

  it("wraps code holding Liquid openers in a raw block around the fence", () => {
    expect(mdCodeBlock("{{ a }}")).toBe("{% raw %}```text\n{{ a }}\n```{% endraw %}");
  });
});
