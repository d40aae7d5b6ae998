import type { RunningCommand } from "../journal/index.js";
import { redactArgv } from "./command-line.js";
import { type Ctx, recordedIdentity } from "./context.js";
import type { CommandStart } from "./recording-types.js";
import type { Redaction } from "./redaction.js";

/**
 * A command's running record as it is stored: its line as given (already redacted or withheld),
 * everything else the operator's environment names — argv, cwd, user, host, actor, terminal —
 * passed through the command's redaction.
 */
export function runningRecord(
  ctx: Ctx,
  cmd: CommandStart,
  redaction: Redaction,
  at: { eventId: string; journalId: string; line: string; phase: string | null; argvKept: boolean },
): RunningCommand {
  const redact = (t: string): string => redaction.redactor.redact(t);
  const who = recordedIdentity(ctx, redact);
  return {
    eventId: at.eventId,
    journalId: at.journalId,
    line: at.line,
    argv: at.argvKept && cmd.argv ? redactArgv(cmd.argv, redact) : null,
    cwd: redact(cmd.cwd),
    user: who.user,
    mode: cmd.mode,
    startedAt: cmd.startedAt ?? ctx.now(),
    pid: process.pid,
    host: who.host,
    outputId: null,
    actor: who.actor,
    terminal: who.terminal,
    phase: at.phase,
  };
}
