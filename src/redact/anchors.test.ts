import { describe, expect, it } from "vitest";
import { findAnchors } from "./anchors.js";
import type { Rule } from "./rule.js";
import { compileRules, RULES } from "./rules.js";

const rules = compileRules(RULES);

// The plain definition: every place an anchor starts in the lower-cased text, anchor by anchor,
// except a rule's inside-name anchors that start a name.
function reference(text: string, from: number, to: number): string[] {
  const lower = text.slice(from, to + rules.maxAnchor - 1).toLowerCase();
  const out: string[] = [];
  for (const { anchor, rules: list } of rules.anchors) {
    for (let p = lower.indexOf(anchor); p >= 0 && p < to - from; p = lower.indexOf(anchor, p + 1)) {
      const before = text[from + p - 1] ?? "";
      for (const { rule } of list) {
        if (rule.insideNameOnly?.includes(anchor) && !/[A-Za-z0-9_.-]/.test(before)) continue;
        out.push(`${from + p}:${rule.id}`);
      }
    }
  }
  return out;
}

function found(text: string, from: number, to: number): string[] {
  const out: string[] = [];
  findAnchors(text, from, to, rules, (at: number, rule: Rule) => out.push(`${at}:${rule.id}`));
  return out;
}

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

const PIECES = [
  "PassWord",
  "wd",
  "TOKEN",
  "x-auth-",
  "AuthoriZation",
  "=",
  "==",
  "://",
  "s.",
  "hv",
].concat([
  "gAAAAA",
  "-----BEGIN",
  "Secret",
  "cooKie",
  "SALT",
  "Key",
  "_",
  "'",
  "é",
  "\u212a",
  "e",
  " ",
  "\n",
]);

describe("findAnchors", () => {
  it("visits every anchor in any ASCII case, in the order of the lower-cased search", () => {
    const rand = rng(5);
    for (let round = 0; round < 300; round++) {
      let text = "";
      while (text.length < 200) text += PIECES[Math.floor(rand() * PIECES.length)];
      const from = Math.floor(rand() * 20);
      const to = from + Math.floor(rand() * (text.length - from - rules.maxAnchor));
      if (text.includes("\u212a")) text = text.replaceAll("\u212a", "k");
      expect(found(text, from, to)).toEqual(reference(text, from, to));
    }
  });

  it("reads a Kelvin sign as `k`, as toLowerCase does", () => {
    const text = "X-Auth-To\u212aen: abc and \u212aey and secret_\u212aey";
    expect(found(text, 0, text.length)).toEqual(reference(text, 0, text.length));
    expect(found(text, 0, text.length)).toContain("7:auth-header");
  });

  it("skips `key` where it starts a name, not where it ends one", () => {
    const text = "{'key': 'nova-api'} KEY=1 private_key: x apiKey=y";
    expect(found(text, 0, text.length).filter((a) => a.endsWith("key-value"))).toEqual([
      "34:key-value",
      "44:key-value",
    ]);
  });

  it("stops at `to` and reads no further than the longest anchor past it", () => {
    const text = "token token token";
    expect(found(text, 0, 6)).toEqual(["0:auth-header", "0:key-value"]);
    expect(found(text, 0, 7)).toEqual([
      "0:auth-header",
      "0:key-value",
      "6:auth-header",
      "6:key-value",
    ]);
    expect(found(text.slice(0, 10), 0, 7)).toEqual(["0:auth-header", "0:key-value"]);
  });
});
