import { describe, expect, it } from "vitest";
import { parseBanner, parseProfileTiming, parseRecapRow, parseResultLine } from "./line-kinds.js";

describe("parseResultLine", () => {
  it.each([
    ["ok: [web1]", { status: "ok", host: "web1", item: null, detail: "" }],
    ["changed: [web1 -> db1]", { status: "changed", host: "web1", item: null, detail: "" }],
    ["ok: [web1] => (item=nova)", { status: "ok", host: "web1", item: "nova", detail: "" }],
    [
      "skipping: [web1] => (item={'a': 1})",
      { status: "skipped", host: "web1", item: "{'a': 1}", detail: "" },
    ],
    [
      'failed: [web1] (item=x) => {"msg": "m"}',
      { status: "failed", host: "web1", item: "x", detail: '{"msg": "m"}' },
    ],
    [
      'fatal: [web1]: FAILED! => {"msg": "m"}',
      { status: "failed", host: "web1", item: null, detail: '{"msg": "m"}' },
    ],
    [
      "fatal: [web1 -> x]: UNREACHABLE! => {",
      { status: "unreachable", host: "web1", item: null, detail: "{" },
    ],
  ])("reads %j", (line, expected) => {
    expect(parseResultLine(line)).toEqual(expected);
  });

  it("leaves other lines alone", () => {
    expect(parseResultLine("ok: this is prose")).toBeNull();
    expect(parseResultLine("skipping: no hosts matched")).toBeNull();
  });
});

describe("parseBanner", () => {
  it("reads names that hold brackets and banners longer than the terminal", () => {
    expect(parseBanner(`TASK [nova : Check [cells] ] ${"*".repeat(3)}`)).toEqual({
      kind: "task",
      name: "nova : Check [cells]",
    });
    expect(parseBanner("RUNNING HANDLER [Restart] ***** ")).toEqual({
      kind: "handler",
      name: "Restart",
    });
    expect(parseBanner("PLAY RECAP *****")).toEqual({ kind: "recap", name: "" });
    expect(parseBanner("TASK [no stars]")).toBeNull();
  });
});

describe("parseRecapRow and parseProfileTiming", () => {
  it("reads recap rows of old cores that print fewer counts", () => {
    expect(parseRecapRow("ctl1 : ok=3    changed=1    unreachable=0    failed=0")).toEqual({
      host: "ctl1",
      ok: 3,
      changed: 1,
      unreachable: 0,
      failed: 0,
      skipped: 0,
      rescued: 0,
      ignored: 0,
    });
  });

  it("reads the previous task's duration from a profile_tasks line", () => {
    expect(
      parseProfileTiming(
        "Monday 01 January 2024  10:00:00 +0000 (0:01:02.5)       0:10:00.000 ****",
      ),
    ).toBe(62_500);
    expect(parseProfileTiming("Monday is a day")).toBeNull();
  });
});
