export { HIDDEN_LINE } from "./command-splitter.js";
export { integrationScript, type ShellKind, shellKind } from "./launch.js";
export { PRIVATE_OSC, pauseSequence } from "./marks.js";
export { isNestedShell } from "./nested.js";
export { runShellSession } from "./session.js";
export type {
  CommandHandle,
  ShellRecorder,
  ShellSessionOptions,
  ShellSessionResult,
} from "./types.js";
