import { anchorFinder } from "./anchors.js";
import { commandArgumentRule } from "./command-rules.js";
import { headerRule } from "./header-rule.js";
import { keyValueRule } from "./key-value-rule.js";
import { privateKeyRule } from "./private-key-rule.js";
import type { Rule } from "./rule.js";
import { cephRule, fernetRule, vaultRule } from "./token-rules.js";
import { urlRule } from "./url-rule.js";

/** All pattern rules, strongest label first. */
export const RULES: readonly Rule[] = [
  privateKeyRule,
  fernetRule,
  vaultRule,
  cephRule,
  headerRule,
  urlRule,
  keyValueRule,
  commandArgumentRule,
];

/** An anchor with the rules it starts, strongest first. */
export interface CompiledAnchor {
  anchor: string;
  /** `insideName`: the rule skips this anchor where it starts a name (see `Rule.insideNameOnly`). */
  rules: { rule: Rule; prio: number; insideName: boolean }[];
  /** Every rule skips this anchor where it starts a name. */
  insideNameOnly: boolean;
}

/** The rules, grouped by anchor, with the bounds the stream needs. */
export interface CompiledRules {
  anchors: CompiledAnchor[];
  /** Finds the start of any anchor, in either ASCII case (see `findAnchors`). */
  finder: RegExp;
  /** Indexes into `anchors` by the char code of their first character. */
  byFirst: number[][];
  maxBack: number;
  maxAnchor: number;
}

export function compileRules(rules: readonly Rule[]): CompiledRules {
  const byAnchor = new Map<string, CompiledAnchor["rules"]>();
  rules.forEach((rule, prio) => {
    for (const a of rule.anchors) {
      const list = byAnchor.get(a) ?? [];
      list.push({ rule, prio, insideName: rule.insideNameOnly?.includes(a) === true });
      byAnchor.set(a, list);
    }
  });
  const anchors = [...byAnchor].map(([anchor, list]) => ({
    anchor,
    rules: list,
    insideNameOnly: list.every((r) => r.insideName),
  }));
  // Anchors are printable ASCII.
  const byFirst: number[][] = Array.from({ length: 128 }, () => []);
  anchors.forEach(({ anchor }, i) => {
    byFirst[anchor.charCodeAt(0)]?.push(i);
  });
  return {
    anchors,
    finder: anchorFinder([...byAnchor.keys()]),
    byFirst,
    maxBack: Math.max(0, ...rules.map((r) => r.back)),
    maxAnchor: Math.max(1, ...[...byAnchor.keys()].map((a) => a.length)),
  };
}
