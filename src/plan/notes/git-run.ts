import { spawn } from "node:child_process";
import type { Duplex, Readable, Writable } from "node:stream";
import { fail } from "../../errors/index.js";

/**
 * A git process whose output is handed over chunk by chunk as git writes it. `done` settles
 * when git exits (rejected with a catalogue error when it fails) or once `stop` ended it.
 */
export interface GitStream {
  done: Promise<void>;
  /** Sends text to git's standard input (jobs added with `input`). */
  write(text: string): void;
  /** Closes git's standard input. */
  end(): void;
  /** Ends git early: its output is no longer wanted. */
  stop(): void;
}

/**
 * Several git processes of one repository run side by side by one child process: jobs are
 * added before `run`, each with its own output (and, with `input`, its own input). A job may
 * be several git commands run one after the other, their outputs joined; its status is the
 * last one's.
 */
export interface GitGroup {
  add(
    args: string[] | string[][],
    onData: (chunk: Buffer) => void,
    opts?: { input?: boolean },
  ): GitStream;
  run(): void;
}

/** The production group: real git, run by a POSIX shell (see ShellGroup). */
export function gitGroup(repo: string, git = "git"): GitGroup {
  return new ShellGroup(repo, git);
}

/** Collects a job's whole output. */
export function collect(group: GitGroup, args: string[] | string[][]): Promise<Buffer> {
  const out: Buffer[] = [];
  return group.add(args, (c) => out.push(c)).done.then(() => Buffer.concat(out));
}

// One git process's output, exit status and early stop.
class Job {
  readonly handle: GitStream;
  private outputEnded = false;
  private status: number | null | undefined;
  private stopped = false;
  private settle!: (err?: Error) => void;
  private out: Readable | undefined;
  private in: Writable | undefined;
  private queued: string[] = [];
  private ending = false;

  constructor(
    private onData: (chunk: Buffer) => void,
    private failure: (status: number | null) => Error,
  ) {
    const done = new Promise<void>((resolve, reject) => {
      this.settle = (err) => (err ? reject(err) : resolve());
    });
    // A caller that stops early or fails elsewhere may never await this; it must not go unhandled.
    done.catch(() => {});
    this.handle = {
      done,
      write: (text) => this.write(text),
      end: () => this.end(),
      stop: () => this.stop(),
    };
  }

  attach(out: Readable, input: Writable | undefined): void {
    this.out = out;
    out.on("data", (c: Buffer) => {
      if (!this.stopped) this.onData(c);
    });
    out.on("end", () => {
      this.outputEnded = true;
      this.check();
    });
    out.on("error", () => {});
    if (!input) return;
    // git may exit before reading all of its input; its status says what went wrong.
    input.on("error", () => {});
    this.in = input;
    if (this.queued.length) input.write(this.queued.join(""));
    if (this.ending) input.end();
  }

  exited(status: number | null): void {
    if (this.status !== undefined) return;
    this.status = status;
    this.check();
  }

  fail(err: Error): void {
    if (!this.stopped) this.settle(err);
  }

  private check(): void {
    if (this.stopped || this.status === undefined) return;
    if (this.status !== 0) this.settle(this.failure(this.status));
    else if (this.outputEnded) this.settle();
  }

  private write(text: string): void {
    if (this.stopped || this.ending) return;
    if (this.in) this.in.write(text);
    else this.queued.push(text);
  }

  private end(): void {
    this.ending = true;
    this.in?.end();
  }

  // Closing the pipes ends git: it dies of SIGPIPE at its next write.
  private stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.settle();
    this.out?.destroy();
    this.in?.destroy();
  }
}

/**
 * A group run by one POSIX shell, so that node forks once however many git processes a scan
 * needs: each spawn from node forks the whole node process and waits for the exec, which
 * costs 2 to 12 ms of the event loop on a loaded two-core machine; forking a shell costs
 * almost nothing. Each job reads and writes its own socket (every
 * other job closes it, so the output ends with the job), and the exit statuses come back as
 * `<job> <status>` lines on one more. Arguments are single-quoted. Shells such as dash only
 * take descriptors up to 9, so a group has at most six jobs.
 */
class ShellGroup implements GitGroup {
  private jobs: { commands: string[][]; job: Job; input: boolean; fd: number }[] = [];
  private err: Buffer[] = [];

  constructor(
    private repo: string,
    private git: string,
  ) {}

  add(
    args: string[] | string[][],
    onData: (chunk: Buffer) => void,
    opts: { input?: boolean } = {},
  ): GitStream {
    const commands = (Array.isArray(args[0]) ? args : [args]) as string[][];
    const job = new Job(onData, (status) => this.failed(commands.at(-1) ?? [], status));
    const fd = 3 + this.jobs.length;
    if (fd > 8) throw new Error("a git group runs at most six jobs");
    this.jobs.push({ commands, job, input: opts.input === true, fd });
    return job.handle;
  }

  run(): void {
    const status = 3 + this.jobs.length;
    // Sockets for standard error, each job and the statuses (descriptors 2 to `status`).
    const pipes = Array.from({ length: status - 1 }, () => "pipe" as const);
    const child = spawn("sh", ["-c", this.script(status)], {
      stdio: ["ignore", "ignore", ...pipes],
    });
    child.stderr?.on("data", (c: Buffer) => this.err.push(c));
    for (const j of this.jobs) {
      const socket = child.stdio[j.fd] as Duplex;
      j.job.attach(socket, j.input ? socket : undefined);
    }
    let lines = "";
    const statuses = child.stdio[status] as Readable;
    statuses.on("data", (c: Buffer) => {
      lines += c.toString("latin1");
      for (let nl = lines.indexOf("\n"); nl >= 0; nl = lines.indexOf("\n")) {
        const [i, code] = lines.slice(0, nl).split(" ");
        lines = lines.slice(nl + 1);
        this.jobs[Number(i)]?.job.exited(Number(code));
      }
    });
    // Every process holding the status socket has exited: unreported jobs never ran.
    statuses.on("end", () => {
      for (const j of this.jobs) j.job.exited(null);
    });
    child.on("error", () => {
      for (const j of this.jobs) j.job.fail(fail("CommandNotFound", "sh"));
    });
  }

  private script(status: number): string {
    const q = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;
    const closeAll = this.jobs.map((j) => `${j.fd}>&-`).join(" ");
    const lines = this.jobs.map((j, i) => {
      const cmds = j.commands.map((args) => [this.git, "-C", this.repo, ...args].map(q).join(" "));
      const input = j.input ? `<&${j.fd} ` : "";
      return `{ ${cmds.join("; ")}; echo "${i} $?" >&${status}; } ${input}>&${j.fd} ${closeAll} &`;
    });
    // git flushes its output after every commit when it writes to a pipe; GIT_FLUSH=0 lets it
    // fill its buffer first (thousands of small writes, each waking node, become hundreds).
    return ["GIT_FLUSH=0", "export GIT_FLUSH", ...lines, `exec ${closeAll}`, "wait"].join("\n");
  }

  private failed(args: string[], status: number | null): Error {
    if (status === 127) return fail("CommandNotFound", this.git);
    // Jobs share standard error, and failing jobs often say the same thing.
    const lines = new Set(Buffer.concat(this.err).toString().trim().split("\n"));
    const said = [...lines].join(" ").trim() || `exit status ${status ?? "unknown"}`;
    return fail(
      "BadValue",
      "release-note repository",
      `a git repository (git ${args[0]} said: ${said})`,
      "/srv/kolla-ansible",
      this.repo,
    );
  }
}
