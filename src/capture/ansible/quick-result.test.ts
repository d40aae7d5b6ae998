import { describe, expect, it } from "vitest";
import { parseResultLine } from "./line-kinds.js";
import { type QuickResult, readQuickResult } from "./quick-result.js";

function quick(src: string, start = 0, end = src.length): QuickResult | null {
  const out: QuickResult = { status: "ok", host: "" };
  return readQuickResult(src, start, end, out) ? out : null;
}

describe("readQuickResult", () => {
  it.each([
    "ok: [web1]",
    "changed: [web1 -> db1]",
    "ok: [web1] => (item=nova)",
    "skipping: [web1] => (item={'a': 1})",
    'failed: [web1] (item=x) => {"msg": "m"}',
    'fatal: [web1]: FAILED! => {"msg": "m"}',
    "fatal: [web1 -> x]: UNREACHABLE! => {",
    "ok: [web1]: UNREACHABLE! => {}",
    "changed: [a -> b -> c]",
    "ok: [a ->]",
  ])("reads the status and host of %j as parseResultLine does", (line) => {
    const full = parseResultLine(line);
    expect(full).not.toBeNull();
    expect(quick(line)).toEqual({ status: full?.status, host: full?.host });
  });

  it.each([
    "ok: this is prose",
    "skipping: no hosts matched",
    "ok: [no bracket",
    "included: /x.yml for a",
    "okay: [a]",
    "TASK [x] ***",
    "",
  ])("passes %j on to the full reader", (line) => {
    expect(quick(line)).toBeNull();
  });

  it("reads a line inside a larger text without looking past its end", () => {
    const src = "ok: [a]\nok: [b: UNREACHABLE! => {}\nchanged: [c]";
    expect(quick(src, 0, 7)).toEqual({ status: "ok", host: "a" });
    expect(quick(src, 8, 13)).toBeNull();
    expect(quick(src, 35, src.length)).toEqual({ status: "changed", host: "c" });
    expect(quick("ok: [a]: UNREACHABLE!", 0, 20)).toEqual({ status: "ok", host: "a" });
  });
});
