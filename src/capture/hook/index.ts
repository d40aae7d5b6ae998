export { hookScript } from "./hook-script.js";
export { type HookRecord, ingestHookSpool, parseHookLines } from "./spool.js";
