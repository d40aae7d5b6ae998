import { ulidFactory } from "../journal/ids.js";
import type { CheckPayload, CommandPayload, NewEvent } from "../journal/index.js";
import { parseUpgradeCheck } from "../plan/index.js";

const newId = ulidFactory();

/** `nova-status upgrade check`, `keystone-status upgrade check --json`, run directly or in a container. */
export function isUpgradeCheck(line: string): boolean {
  return /\b[a-z]+-status\s+upgrade\s+check\b/.test(line);
}

/**
 * The results of an oslo.upgradecheck run as `check` events right after its command: each
 * with a severity and whether it blocks the upgrade, like a Leapp report.
 */
export function checkEvents(
  command: NewEvent,
  output: string,
  exitStatus: number | null,
): NewEvent<CheckPayload>[] {
  const p = command.payload as CommandPayload;
  const service = /\b([a-z]+)-status\b/.exec(p.line)?.[1] ?? "service";
  // a PTY turns \n into \r\n; the parser reads plain lines
  const text = output.replace(/\r\n/g, "\n");
  return parseUpgradeCheck(text, exitStatus ?? 255).map((c) => ({
    id: newId(command.time),
    journalId: command.journalId,
    time: p.endedAt ?? command.time,
    actor: command.actor,
    terminal: command.terminal,
    phase: command.phase,
    payload: {
      kind: "check",
      name: `${service}: ${c.name}`,
      severity: c.severity,
      inhibitor: c.inhibitor,
      text: c.text,
      detail: { ...c.detail, command: command.id },
    },
  }));
}
