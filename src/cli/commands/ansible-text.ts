import type { AnsibleFinding, AnsibleSummary } from "../../capture/index.js";
import type { CommandPayload } from "../../journal/index.js";
import { count } from "./describe.js";
import { oneLine } from "./format.js";

/** The Ansible summary of a command, when its output was an Ansible run. */
export function ansibleOf(p: CommandPayload): AnsibleSummary | null {
  const a = p.summary?.ansible as AnsibleSummary | undefined;
  return a?.isAnsible ? a : null;
}

/**
 * `ansible: 3 plays, 41 tasks, 3 hosts — 2 hosts failed, 1 unreachable`, a short tag for the
 * timeline. Hosts are counted as the PLAY RECAP counts them; without a recap (a run cut short),
 * from the task results and the failures the run did not go on past.
 */
export function ansibleTag(a: AnsibleSummary): string {
  const tasks = a.plays.reduce((n, p) => n + p.tasks.length, 0);
  const { hosts, failed, unreachable } = hostCounts(a);
  const bad = [
    ...(failed ? [`${count(failed, "host")} failed`] : []),
    ...(unreachable ? [`${unreachable} unreachable`] : []),
  ];
  return `ansible: ${count(a.plays.length, "play")}, ${count(tasks, "task")}, ${count(hosts, "host")}${bad.length ? ` — ${bad.join(", ")}` : ""}`;
}

function hostCounts(a: AnsibleSummary): { hosts: number; failed: number; unreachable: number } {
  if (a.recap.length) {
    return {
      hosts: a.recap.length,
      failed: a.recap.filter((r) => r.failed > 0).length,
      unreachable: a.recap.filter((r) => r.unreachable > 0).length,
    };
  }
  const hosts = new Set(a.plays.flatMap((p) => p.tasks.flatMap((t) => Object.keys(t.results))));
  const hostsWith = (status: AnsibleFinding["status"]) =>
    new Set(a.findings.filter((f) => !f.ignored && f.status === status).map((f) => f.host)).size;
  return { hosts: hosts.size, failed: hostsWith("failed"), unreachable: hostsWith("unreachable") };
}

/** What became of a failure: still failed (or unreachable), rescued by a block, or ignored. */
function outcome(a: AnsibleSummary, f: AnsibleFinding): string {
  if (!f.ignored) return f.status;
  // summaries stored before findings said `rescued` still hold it in the task's result
  const task = a.plays.find((p) => p.name === f.play)?.tasks.find((t) => t.name === f.task);
  return f.rescued || task?.results[f.host] === "rescued" ? "rescued" : "ignored";
}

/** The failures and the PLAY RECAP, for `stacklog show`. */
export function ansibleText(a: AnsibleSummary): string {
  const out = [`  ${ansibleTag(a)}`];
  for (const f of a.findings) {
    // names and messages come from the command's output: shown, not obeyed
    out.push(
      `  ${outcome(a, f)}: ${oneLine(`[${f.host}] ${where(f)}: ${f.message.split("\n")[0]}`)}`,
    );
  }
  if (a.recap.length) {
    out.push("  recap:");
    for (const r of a.recap) {
      out.push(
        `    ${oneLine(r.host).padEnd(24)} ok=${r.ok} changed=${r.changed} unreachable=${r.unreachable} failed=${r.failed} skipped=${r.skipped} rescued=${r.rescued} ignored=${r.ignored}`,
      );
    }
  }
  return out.join("\n");
}

/** Where a failure happened: play / task, or what an ad-hoc run (no play, no task) leaves. */
function where(f: { play: string; task: string }): string {
  if (f.play || f.task) return `${f.play || "(no play)"} / ${f.task || "(no task)"}`;
  return "ad-hoc";
}
