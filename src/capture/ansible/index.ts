export { looksLikeAnsible } from "./command-line.js";
export { type AnsibleParser, createAnsibleParser } from "./parser.js";
export {
  type AnsibleCaps,
  type AnsibleFinding,
  type AnsibleHostStatus,
  type AnsiblePlay,
  type AnsibleRecapRow,
  type AnsibleSummary,
  type AnsibleTask,
  type AnsibleTruncation,
  DEFAULT_CAPS,
} from "./types.js";
