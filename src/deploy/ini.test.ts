import { describe, expect, it } from "vitest";
import { parseOsloIni } from "./ini.js";

describe("parseOsloIni", () => {
  it("keeps every value of a repeated key, as oslo MultiStrOpt does", () => {
    const ini = parseOsloIni("[pci]\npassthrough_whitelist = a\npassthrough_whitelist = b\n");
    expect(ini.sections.pci?.passthrough_whitelist).toEqual(["a", "b"]);
  });

  it("puts keys before any section in DEFAULT and accepts `key: value`", () => {
    expect(parseOsloIni("debug: true\n[x]\ny=1\n").sections).toEqual({
      DEFAULT: { debug: ["true"] },
      x: { y: ["1"] },
    });
  });

  it("joins indented continuation lines and ignores # and ; comments", () => {
    const ini = parseOsloIni("# c\n[a]\n; c\nk = one\n  two\n");
    expect(ini.sections.a?.k).toEqual(["one\ntwo"]);
  });

  it("merges a section given twice and names it", () => {
    const ini = parseOsloIni("[a]\nx = 1\n[b]\n[a]\ny = 2\n");
    expect(ini.sections.a).toEqual({ x: ["1"], y: ["2"] });
    expect(ini.duplicateSections).toEqual(["a"]);
  });

  it("reports lines that are not INI", () => {
    expect(parseOsloIni("[a]\njust words\n").badLines).toEqual([2]);
  });
});
