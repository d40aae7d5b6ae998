export { diffCloud, renderCloudDiffText } from "./diff.js";
export { type ResolveResult, resolveCloud } from "./resolve.js";
export { cloudSecrets } from "./secrets.js";
export { type SnapshotOptions, snapshotCloud } from "./snapshot.js";
export type {
  ApiVersion,
  BaremetalNode,
  CatalogEndpoint,
  CatalogService,
  CloudAuth,
  CloudAuthFields,
  CloudChange,
  CloudDiff,
  CloudSnapshot,
  Finding,
  NetworkAgent,
  ServiceState,
} from "./types.js";
