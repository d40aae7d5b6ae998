import type { AnsibleSummary } from "../../capture/index.js";
import type { CommandPayload } from "../../journal/index.js";

/** The Ansible summary of a command, when its output was an Ansible run. */
export function ansibleOf(p: CommandPayload): AnsibleSummary | null {
  const a = p.summary?.ansible as AnsibleSummary | undefined;
  return a?.isAnsible ? a : null;
}

/** `3 plays, 41 tasks, 2 failed` — a short tag for the timeline. */
export function ansibleTag(a: AnsibleSummary): string {
  const tasks = a.plays.reduce((n, p) => n + p.tasks.length, 0);
  const failed = a.findings.filter((f) => !f.ignored).length;
  return `ansible: ${a.plays.length} plays, ${tasks} tasks${failed ? `, ${failed} failed` : ""}`;
}

/** The failures and the PLAY RECAP, for `stacklog show`. */
export function ansibleText(a: AnsibleSummary): string {
  const out = [`  ${ansibleTag(a)}`];
  for (const f of a.findings) {
    out.push(
      `  ${f.ignored ? "ignored" : f.status}: [${f.host}] ${f.play} / ${f.task}: ${f.message.split("\n")[0]}`,
    );
  }
  if (a.recap.length) {
    out.push("  recap:");
    for (const r of a.recap) {
      out.push(
        `    ${r.host.padEnd(24)} ok=${r.ok} changed=${r.changed} unreachable=${r.unreachable} failed=${r.failed} skipped=${r.skipped} rescued=${r.rescued} ignored=${r.ignored}`,
      );
    }
  }
  return out.join("\n");
}
