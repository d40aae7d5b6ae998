import { spawn, spawnSync } from "node:child_process";
import { fail } from "../../errors/index.js";

/** Runs git in a repository and returns its raw standard output. */
export type GitRunner = (args: string[], input?: string) => Buffer;

/**
 * Starts git in a repository; resolves to its raw standard output once it exits. Input given
 * as a promise is written when it settles, so a process can start before its input is known.
 */
export type GitStarter = (args: string[], input?: string | Promise<string>) => Promise<Buffer>;

/** The two ways to run git: blocking for rare one-off questions, started for the bulk reads. */
export interface Git {
  run: GitRunner;
  start: GitStarter;
}

/** The production runners: real git through child_process, output kept as bytes. */
export function gitRunners(repo: string, git = "git"): Git {
  const argv = (args: string[]) => ["-C", repo, ...args];
  const run: GitRunner = (args, input) => {
    const r = spawnSync(git, argv(args), { input, maxBuffer: 1 << 30 });
    if (r.error) throw fail("CommandNotFound", git);
    check(repo, args, r.status, r.stderr);
    return r.stdout;
  };
  const start: GitStarter = (args, input) =>
    new Promise((resolve, reject) => {
      const child = spawn(git, argv(args), { stdio: ["pipe", "pipe", "pipe"] });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (c: Buffer) => out.push(c));
      child.stderr.on("data", (c: Buffer) => err.push(c));
      // git may exit before reading all of its input; its status says what went wrong.
      child.stdin.on("error", () => {});
      child.on("error", () => reject(fail("CommandNotFound", git)));
      child.on("close", (status) => {
        try {
          check(repo, args, status, Buffer.concat(err));
          resolve(Buffer.concat(out));
        } catch (e) {
          reject(e);
        }
      });
      Promise.resolve(input).then(
        (text) => child.stdin.end(text),
        () => child.stdin.end(),
      );
    });
  return { run, start };
}

function check(repo: string, args: string[], status: number | null, stderr: Buffer): void {
  if (status === 0) return;
  throw fail(
    "BadValue",
    "release-note repository",
    `a git repository (git ${args[0]} said: ${stderr.toString().trim()})`,
    "/srv/kolla-ansible",
    repo,
  );
}
