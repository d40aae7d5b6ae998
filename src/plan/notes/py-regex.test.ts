import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pythonRegex } from "./py-regex.js";
import { DEFAULT_NAMING } from "./versions.js";

// Python's `re`, compiled as reno compiles its patterns, gives the expected answers.
const PYTHON = "/usr/bin/python3";
const RE_SCRIPT = `
import json, re, sys
cases = json.load(sys.stdin)
out = []
for pattern, how, text in cases:
    rx = re.compile(pattern, flags=re.VERBOSE | re.UNICODE)
    m = rx.match(text) if how == "match" else rx.search(text)
    out.append(None if m is None else [m.start(), m.end(), m.groupdict().get("pre_release") and list(m.span("pre_release"))])
json.dump(out, sys.stdout)
`;

const PATTERNS: [string, "match" | "search"][] = [
  [DEFAULT_NAMING.releaseTagRe, "match"],
  [DEFAULT_NAMING.preReleaseTagRe, "search"],
  [DEFAULT_NAMING.branchNameRe, "search"],
  [DEFAULT_NAMING.closedBranchTagRe, "search"],
  ["rel-[\\d.]+  # release tags\n(?:\\.0rc\\d+)?\n", "match"],
  ["(?P<pre_release>-rc\\d+)$", "search"],
  ["(?P<pre_release>[-.](?:alpha|beta)\\d*)$ # named words", "search"],
  ["^v(?P<major>\\d+)\\.(?P=major)", "search"],
  ["[^a-z]{2,3}\\w*", "search"],
  ["(?i)STABLE/.+", "search"],
  ["stable/\\ (?:x|y)  # escaped space", "search"],
  ["[]a]+", "search"],
  ["a{,2}b", "search"],
  ["\\Av\\d+\\Z", "search"],
];

const TEXTS = [
  "1.0.0",
  "1.0.0.0rc1",
  "2.0.0.0b2",
  "v3.1",
  "rc1",
  "rel-2.0.0.0rc1",
  "2.0.0-rc1",
  "4.0.0-beta2",
  "v2.2",
  "stable/2024.1",
  "STABLE/zed",
  "stable/ x",
  "zed-eol",
  "ab]a",
  "aab",
  "١٢.٣",
  "tag_ä1",
  "",
];

describe("pythonRegex", () => {
  it("matches and searches as Python's re does with reno's flags", () => {
    const cases = PATTERNS.flatMap(([p, how]) => TEXTS.map((t) => [p, how, t] as const));
    const r = spawnSync(PYTHON, ["-c", RE_SCRIPT], {
      input: JSON.stringify(cases),
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`python3 is needed as the reference: ${r.stderr}`);
    const want = JSON.parse(r.stdout) as unknown[];
    const got = cases.map(([p, how, t]) => {
      const m = pythonRegex(p, how === "match").exec(t);
      if (!m) return null;
      const span = m.indices?.groups?.pre_release;
      return [m.index, m.index + m[0].length, span ? [...span] : null];
    });
    expect(got).toEqual(want);
    expect(want.filter(Boolean).length).toBeGreaterThan(30);
  });

  it("refuses constructs it cannot translate instead of guessing", () => {
    for (const p of ["(?i:a)b", "(?a)\\d", "\\N{DIGIT ONE}", "a\\"])
      expect(() => pythonRegex(p, false), p).toThrow();
  });
});
