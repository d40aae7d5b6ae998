export { verify } from "./checks.js";
export {
  aptInstall,
  asKeystone,
  debootstrapArgv,
  distUpgradeArgv,
  inChroot,
  isDownloadNotFound,
  madisonVersion,
} from "./commands.js";
export { type LabDatabase, labDatabase, type Repair } from "./database.js";
export { type CheckStatus, checkMisled, dbSyncArgv, parseCheckStatus } from "./db-sync.js";
export { seedData } from "./identity.js";
export { bootstrapKeystone, configureDatabase, installKeystone } from "./install-victoria.js";
export { databaseConnection, SQLITE_URL, setDatabaseConnection } from "./keystone-conf.js";
export { startKeystone, stopKeystone } from "./keystone-service.js";
export { LabError } from "./lab-error.js";
export {
  MARIADB,
  MARIADB_SERIES,
  mariadbConf,
  mariadbConnectionUrl,
} from "./mariadb.js";
export { mariadbPid, mariadbTeardownStep } from "./mariadb-service.js";
export {
  MIN_FREE_BYTES,
  machineProbe,
  type PreflightProbe,
  preflightProblems,
} from "./preflight.js";
export { prepareChroot } from "./prepare.js";
export { RELEASES, releasesUpTo } from "./releases.js";
export { randomSecrets, runLab } from "./run-lab.js";
export { accessRuleNeedsRebuild, accessRuleRebuildSql, WAL_PRAGMA } from "./sqlite-fixes.js";
export type * from "./types.js";
export { upgradeHop } from "./upgrade-hop.js";
export { isAppArmorFailure, labUwsgiIni } from "./uwsgi-ini.js";
