export { exitStatusFor, signalName } from "./exit-status.js";
export { chooseMode, runCommand } from "./run.js";
export type {
  CaptureSink,
  RunOptions,
  RunResult,
  RunTap,
  SignalSource,
  StreamRedactor,
} from "./run-types.js";
