import { catalogue, StacklogError } from "../errors/index.js";

/**
 * An error the lab's user can fix (no root, too little disk, no archive, a step that failed).
 * Shaped like the catalogue's entries so the CLI can print it the same way.
 */
export class LabError extends StacklogError {
  constructor(
    readonly title: string,
    message: string,
    readonly hint: string,
    exitCode = 1,
  ) {
    super("LabProblem", catalogue.LabProblem(title, message, hint, exitCode));
  }
}

/** A recorded lab step exited with an unexpected status. */
export function stepFailed(step: string, code: number, tail: string): LabError {
  return new LabError(
    "Lab step failed",
    `"${step}" exited with status ${code}.${tail ? `\n${tail}` : ""}`,
    "See the journal (`stacklog log` with the lab's STACKLOG_HOME) for its full output; fix the cause and run the lab again with a fresh --dir.",
  );
}
