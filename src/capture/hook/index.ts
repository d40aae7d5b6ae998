export { hookScript } from "./hook-script.js";
export {
  type ClaimOptions,
  type HookRecord,
  ingestHookSpool,
  parseHookLines,
  pendingHookSpools,
  STALE_CLAIM_MS,
} from "./spool.js";
