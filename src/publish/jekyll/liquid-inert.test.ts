import { describe, expect, it } from "vitest";
import { hasLiquidOpener, liquidInert } from "./liquid-inert.js";

describe("liquidInert", () => {
  it("leaves text without Liquid or Jinja openers unchanged", () => {
    expect(liquidInert("PLAY RECAP { ok=3 } 100%")).toBe("PLAY RECAP { ok=3 } 100%");
  });

  it("wraps text holding {{, {% or {# in one raw block", () => {
    for (const text of ["{{ kolla_install_type }}", "{% if x %}", "{# note #}"]) {
      expect(hasLiquidOpener(text)).toBe(true);
      expect(liquidInert(text)).toBe(`{% raw %}${text}{% endraw %}`);
    }
  });

  it("splits every endraw inside the text so that only the final one closes the block", () => {
    const out = liquidInert("a {% endraw %} b {%- endraw -%} c {%endraw%}");
    const closers = out.match(/\{%-?\s*endraw/g) ?? [];
    // One closer per split (3) plus the final one, each directly followed by the printed `{%`.
    expect(closers).toHaveLength(4);
    expect(out.split('{% endraw %}{{ "{%" }}{% raw %}')).toHaveLength(4);
    expect(out.endsWith(' c {% endraw %}{{ "{%" }}{% raw %}endraw%}{% endraw %}')).toBe(true);
  });
});
