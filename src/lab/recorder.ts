import { spawn } from "node:child_process";
import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stepFailed } from "./lab-error.js";

/** What a recorded command ended with; stdout/stderr are the command's own (unredacted) streams. */
export interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Return a non-zero status instead of throwing. */
  allowFail?: boolean;
}

/** Runs every lab step through stacklog so the journal gets it. */
export interface Recorder {
  /** `stacklog run --pipe -- argv`. */
  run(argv: readonly string[], opts?: RunOptions): Promise<Outcome>;
  /** Any stacklog verb, e.g. `["phase", "prepare"]`; throws when it fails. */
  verb(args: readonly string[]): Promise<Outcome>;
  /** A note; returns its event id so a fix can refer to it. */
  note(kind: "problem" | "fix" | "observation", text: string, problemId?: string): Promise<string>;
}

/** The default command for stacklog: node with tsx on this checkout's CLI entry. */
export function checkoutStacklog(): string[] {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  return [
    process.execPath,
    "--import",
    `${root}node_modules/tsx/dist/loader.mjs`,
    `${root}src/cli/entry.ts`,
  ];
}

/** Arguments of `stacklog note` for a note kind. */
export function noteArgs(
  kind: "problem" | "fix" | "observation",
  text: string,
  problemId?: string,
): string[] {
  const args = ["note", "--json"];
  if (kind === "problem") args.push("--problem");
  if (kind === "fix") args.push("--fix", problemId ?? "");
  return [...args, "-m", text];
}

/** A recorder over a stacklog command with its own STACKLOG_HOME; output is also appended to `logFile`. */
export function makeRecorder(cfg: {
  command: readonly string[];
  home: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  log: (line: string) => void;
}): Recorder {
  const exec = (args: readonly string[], extra: Record<string, string> = {}): Promise<Outcome> =>
    spawnCollect(cfg.command, args, { ...cfg.env, ...extra, STACKLOG_HOME: cfg.home }, cfg.logFile);
  return {
    async run(argv, opts = {}) {
      cfg.log(`$ ${argv.join(" ")}`);
      const out = await exec(["run", "--pipe", "--", ...argv], opts.env);
      if (out.code !== 0 && !opts.allowFail) throw stepFailed(argv.join(" "), out.code, tail(out));
      return out;
    },
    async verb(args) {
      const out = await exec(args);
      if (out.code !== 0) throw stepFailed(`stacklog ${args.join(" ")}`, out.code, tail(out));
      return out;
    },
    async note(kind, text, problemId) {
      cfg.log(`${kind}: ${text}`);
      const out = await this.verb(noteArgs(kind, text, problemId));
      return noteId(out.stdout);
    },
  };
}

/** The event id in `stacklog note --json` output (the stored event). */
export function noteId(stdout: string): string {
  const doc = JSON.parse(stdout) as { events?: { id?: string }[]; id?: string };
  const id = doc.events?.[0]?.id ?? doc.id;
  if (!id) throw new Error(`stacklog note --json printed no event id: ${stdout.slice(0, 200)}`);
  return id;
}

function tail(out: Outcome): string {
  return `${out.stdout}\n${out.stderr}`.trim().split("\n").slice(-15).join("\n");
}

function spawnCollect(
  command: readonly string[],
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
) {
  return new Promise<Outcome>((resolve, reject) => {
    const child = spawn(command[0] ?? "node", [...command.slice(1), ...args], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => {
      out.push(b);
    });
    child.stderr.on("data", (b: Buffer) => {
      err.push(b);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => {
      const o = {
        code: code ?? 128 + (signal ? 15 : 0),
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
      };
      // The lab log keeps only the redacted view's shape: the journal is the record, this is for watching.
      appendFileSync(logFile, `--- stacklog ${args.slice(0, 6).join(" ")} → ${o.code}\n`);
      resolve(o);
    });
  });
}
