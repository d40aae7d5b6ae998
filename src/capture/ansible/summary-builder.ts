import type {
  AnsibleCaps,
  AnsibleFinding,
  AnsibleHostStatus,
  AnsiblePlay,
  AnsibleRecapRow,
  AnsibleTask,
  AnsibleTruncation,
} from "./types.js";

interface PlayState {
  play: AnsiblePlay;
  hosts: Set<string>;
}

interface TaskState {
  task: AnsibleTask;
  play: PlayState;
  stored: boolean;
  size: number;
  findings: Map<string, AnsibleFinding>;
}

interface Failure {
  host: string;
  task: TaskState;
  finding: AnsibleFinding | null;
}

const RANK: Record<AnsibleHostStatus, number> = {
  skipped: 0,
  included: 1,
  ok: 2,
  changed: 3,
  ignored: 4,
  rescued: 5,
  failed: 6,
  unreachable: 7,
};

/**
 * Builds the plays/tasks/results/findings part of a summary from parsed events, within caps.
 * A failed host that reports again later in the same play was rescued (or its failure was
 * ignored); `reconcile` checks those guesses against the recap's `rescued` counts.
 */
export class SummaryBuilder {
  readonly plays: AnsiblePlay[] = [];
  readonly findings: AnsibleFinding[] = [];
  readonly truncated: AnsibleTruncation = {
    plays: 0,
    tasks: 0,
    results: 0,
    findings: 0,
    notices: 0,
    longLines: 0,
  };
  private play: PlayState | null = null;
  private task: TaskState | null = null;
  private timed: TaskState | null = null;
  private startedAt: number | undefined;
  private taskCount = 0;
  private readonly pending = new Map<string, Failure>();
  private readonly rescues: Failure[] = [];
  private lastFailed: Failure | null = null;

  constructor(private readonly caps: AnsibleCaps) {}

  startPlay(name: string, at: number | undefined): void {
    this.closeClock(at);
    if (this.play) this.describeHosts(this.play);
    if (this.task) this.timed = this.task;
    const play: AnsiblePlay = { name, tasks: [] };
    this.play = { play, hosts: new Set() };
    if (this.plays.length < this.caps.plays) this.plays.push(play);
    else this.truncated.plays++;
    this.pending.clear();
    this.task = null;
  }

  startTask(name: string, handler: boolean, at: number | undefined): void {
    this.closeClock(at);
    const play = this.play ?? this.implicitPlay(at);
    const task: AnsibleTask = handler ? { name, results: {}, handler } : { name, results: {} };
    const stored = this.taskCount < this.caps.tasks;
    if (stored) {
      play.play.tasks.push(task);
      this.taskCount++;
    } else this.truncated.tasks++;
    this.timed = this.task ?? this.timed;
    this.task = { task, play, stored, size: 0, findings: new Map() };
    this.startedAt = at;
    this.lastFailed = null;
  }

  /** The recap banner ends the last task; the profile_tasks line after it times that task. */
  startRecap(at: number | undefined): void {
    this.closeClock(at);
    this.timed = this.task ?? this.timed;
    this.task = null;
  }

  /** A profile_tasks duration, printed after a banner for the task before it. */
  timing(ms: number): void {
    if (this.timed?.stored) this.timed.task.durationMs = ms;
    this.timed = null;
  }

  result(host: string, status: AnsibleHostStatus): void {
    const task = this.task ?? this.implicitTask();
    const earlier = this.pending.size > 0 ? this.pending.get(host) : undefined;
    if (earlier && earlier.task !== task && !task.task.handler) this.markRescued(earlier);
    this.setStatus(task, host, status, false);
  }

  failure(host: string, status: "failed" | "unreachable", line: number): AnsibleFinding | null {
    this.result(host, status);
    const task = this.task as TaskState;
    let finding = task.findings.get(host) ?? null;
    if (!finding) finding = this.newFinding(task, host, status, line);
    const failure = { host, task, finding };
    if (status === "failed") {
      this.pending.set(host, failure);
      this.lastFailed = failure;
    }
    return finding;
  }

  /** Whether a failure of `host` now would be written down: a new finding, or one to add to. */
  keepsFailure(host: string): boolean {
    return this.findings.length < this.caps.findings || (this.task?.findings.has(host) ?? false);
  }

  /** `...ignoring` follows the failure it forgives. */
  ignoring(): void {
    const failed = this.lastFailed;
    if (!failed) return;
    this.setStatus(failed.task, failed.host, "ignored", true);
    if (failed.finding) failed.finding.ignored = true;
    this.pending.delete(failed.host);
    this.lastFailed = null;
  }

  /** Reverts rescue guesses beyond the recap's `rescued` count for each host. */
  reconcile(recap: Map<string, AnsibleRecapRow>): void {
    if (recap.size === 0) return;
    const left = new Map<string, number>();
    for (const r of this.rescues) {
      const allowed = left.get(r.host) ?? recap.get(r.host)?.rescued ?? 0;
      left.set(r.host, allowed - 1);
      if (allowed > 0) continue;
      this.setStatus(r.task, r.host, "failed", true);
      if (r.finding) {
        r.finding.ignored = false;
        delete r.finding.rescued;
      }
    }
  }

  finish(at: number | undefined): void {
    this.closeClock(at);
    if (this.play) this.describeHosts(this.play);
  }

  private describeHosts(state: PlayState): void {
    if (state.hosts.size > 0) state.play.hosts = [...state.hosts].join(",");
  }

  private markRescued(failure: Failure): void {
    this.pending.delete(failure.host);
    this.setStatus(failure.task, failure.host, "rescued", true);
    if (failure.finding) {
      failure.finding.ignored = true;
      failure.finding.rescued = true;
    }
    this.rescues.push(failure);
  }

  private setStatus(
    task: TaskState,
    host: string,
    status: AnsibleHostStatus,
    force: boolean,
  ): void {
    const results = task.task.results;
    const before = results[host] as AnsibleHostStatus | undefined;
    if (before === undefined) {
      // A forced change (ignored, rescued) only rewrites a result that was kept.
      if (!task.stored || force) return;
      if (task.size >= this.caps.hostsPerTask) {
        task.task.omittedResults = (task.task.omittedResults ?? 0) + 1;
        this.truncated.results++;
        return;
      }
      task.size++;
      this.addHost(task.play, host);
    }
    if (force || before === undefined || RANK[status] > RANK[before]) results[host] = status;
  }

  private addHost(play: PlayState, host: string): void {
    if (play.hosts.size < this.caps.hostsPerTask) play.hosts.add(host);
  }

  private newFinding(
    task: TaskState,
    host: string,
    status: "failed" | "unreachable",
    line: number,
  ): AnsibleFinding | null {
    if (this.findings.length >= this.caps.findings) {
      this.truncated.findings++;
      return null;
    }
    const play = task.play.play.name;
    const finding = { play, task: task.task.name, host, status, message: "", ignored: false, line };
    this.findings.push(finding);
    task.findings.set(host, finding);
    return finding;
  }

  private closeClock(at: number | undefined): void {
    const task = this.task;
    if (task?.stored && at !== undefined && this.startedAt !== undefined) {
      task.task.durationMs = Math.max(0, at - this.startedAt);
    }
    this.startedAt = undefined;
  }

  // Output that starts mid-run (a resumed capture) still gets a home for its tasks.
  private implicitPlay(at: number | undefined): PlayState {
    this.startPlay("", at);
    return this.play as PlayState;
  }

  private implicitTask(): TaskState {
    this.startTask("", false, undefined);
    return this.task as TaskState;
  }
}
