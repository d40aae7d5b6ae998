import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fmText, frontMatter } from "./front-matter.js";

describe("frontMatter", () => {
  it("writes YAML that reads back as the same values, whatever the strings hold", () => {
    const fields = { title: 'a: b # c "q" \\ yes', date: "2026-03-02", toc: true, n: 3 };
    const text = frontMatter(fields);
    expect(text.startsWith("---\n")).toBe(true);
    expect(text.endsWith("---\n")).toBe(true);
    expect(parse(text.slice(4, -4))).toEqual(fields);
  });
});

describe("fmText", () => {
  it("turns markup and Liquid delimiters into entities on one line", () => {
    expect(fmText("{{ x }} <b>&\n{% y %}")).toBe(
      "&#123;&#123; x &#125;&#125; &lt;b&gt;&amp; &#123;% y %&#125;",
    );
  });
});
