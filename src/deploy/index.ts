export { detectTool } from "./detect.js";
export { diffConfig } from "./diff.js";
export { KOLLA_SERVICE_DEFAULTS } from "./kolla-services.js";
export { renderDiffText } from "./render-diff.js";
export { snapshotConfig } from "./snapshot.js";
export type {
  Change,
  ChangeKind,
  ConfigOverride,
  ConfigSnapshot,
  DeployTool,
  SnapshotDiff,
  SnapshotOptions,
  SnapshotResult,
} from "./types.js";
