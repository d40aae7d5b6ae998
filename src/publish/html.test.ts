import { describe, expect, it } from "vitest";
import { escapeHtml, html, jsonForScript, raw, safeUrl } from "./html.js";

describe("html", () => {
  it("escapes every interpolation", () => {
    const evil = `"><img src=x onerror=alert(1)>`;
    expect(String(html`<p title="${evil}">${evil}</p>`)).toBe(
      '<p title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</p>',
    );
  });

  it("joins arrays and does not escape nested html twice", () => {
    const items = ["a<b", "c&d"].map((x) => html`<li>${x}</li>`);
    expect(String(html`<ul>${items}</ul>`)).toBe("<ul><li>a&lt;b</li><li>c&amp;d</li></ul>");
  });

  it("renders nothing for null, undefined and false but keeps zero", () => {
    expect(String(html`${null}${undefined}${false}${0}`)).toBe("0");
  });

  it("inserts raw() markup as it is", () => {
    expect(String(html`<div>${raw("<b>ok</b>")}</div>`)).toBe("<div><b>ok</b></div>");
  });

  it("does not treat look-alike objects as safe markup", () => {
    const fake = { value: "<script>", toString: () => "<script>" } as unknown as string;
    expect(String(html`${fake}`)).toBe("&lt;script&gt;");
  });

  it("escapes quotes and backticks", () => {
    expect(escapeHtml(`'"\`&`)).toBe("&#39;&quot;&#96;&amp;");
  });
});

describe("safeUrl", () => {
  it("turns script-bearing schemes into a fragment", () => {
    for (const u of [
      "javascript:alert(1)",
      " JaVaScRiPt:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,x",
      "vbscript:x",
    ]) {
      expect(safeUrl(u)).toBe("#");
    }
  });

  it("keeps relative, fragment and http links", () => {
    for (const u of ["../journals/a/index.html#e-1", "#x", "https://example.org/a?b=c"]) {
      expect(safeUrl(u)).toBe(u);
    }
  });
});

describe("jsonForScript", () => {
  it("cannot close the script element it sits in", () => {
    const text = jsonForScript({ a: "</script><script>alert(1)</script><!--" });
    expect(text).not.toMatch(/<|>/);
    expect(JSON.parse(text).a).toBe("</script><script>alert(1)</script><!--");
  });
});
