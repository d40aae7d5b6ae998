import type { VerbSpec } from "./spec.js";
import { PLAN_VERBS } from "./verbs-plan.js";
import { PUBLISH_VERBS } from "./verbs-publish.js";
import { RECORD_VERBS } from "./verbs-record.js";

/** Every verb, flag and example, in the order `stacklog --help` lists them. Verb code is loaded only when the verb runs. */
export const VERBS: VerbSpec[] = [...RECORD_VERBS, ...PLAN_VERBS, ...PUBLISH_VERBS];

/** Finds a verb by name. */
export function findVerb(name: string): VerbSpec | undefined {
  return VERBS.find((v) => v.name === name);
}
