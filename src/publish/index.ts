export { type AccountOptions, accountPage, eventContext, renderAccount } from "./account-page.js";
export { ansiToHtml, stripAnsi } from "./ansi.js";
export { amendView, type EventContext, eventView } from "./event-view.js";
export { type JournalFacts, journalFacts, readFacts, type Span } from "./facts.js";
export {
  escapeHtml,
  type HtmlValue,
  html,
  isSafeHtml,
  jsonForScript,
  raw,
  type SafeHtml,
  safeUrl,
} from "./html.js";
export type { Rendered } from "./layout.js";
export { accountPath, configPath, GLOSSARY_PATH, outputPath, planPath } from "./paths.js";
export { type PlanStatus, planStatus, type StepStatus } from "./plan-status.js";
export { renderRoute, SAFE_SEGMENT, type SiteSource, sitePath } from "./routes.js";
export { type KnownSecret, secretFinder } from "./secret-guard.js";
export { type PublishOptions, type PublishResult, publishSite } from "./site.js";
export { asCloud, asConfig, type Snapshots, snapshotsOf } from "./snapshot-data.js";
