import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The CLI from source, run by Node through tsx: no build needed. */
export const ENTRY = path.join(ROOT, "src", "cli", "entry.ts");
/** tsx by absolute URL, so tests may run stacklog from any working directory. */
export const TSX = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
export const NODE_ARGS = ["--import", TSX, ENTRY];

/** A temporary store folder and environment for one test. */
export interface Sandbox {
  dir: string;
  home: string;
  env: Record<string, string>;
  cleanup(): void;
}

export function sandbox(extra: Record<string, string> = {}): Sandbox {
  const dir = mkdtempSync(path.join(os.tmpdir(), "stacklog-test-"));
  const home = path.join(dir, "store");
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: dir,
    LANG: "C.UTF-8",
    STACKLOG_HOME: home,
    XDG_STATE_HOME: path.join(dir, "state"),
    STACKLOG_USER: "rtp",
    STACKLOG_HOST: "deploy",
    NO_COLOR: "1",
    ...extra,
  };
  return { dir, home, env, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `stacklog ARGS` to completion with pipes. */
export function stacklog(
  sb: Sandbox,
  args: string[],
  opts: { input?: string; cwd?: string; env?: Record<string, string> } = {},
): CliResult {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: opts.cwd ?? sb.dir,
    env: { ...sb.env, ...opts.env },
    input: opts.input ?? "",
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Runs a stacklog verb and parses its --json output, failing loudly with stderr otherwise. */
export function stacklogJson<T = unknown>(
  sb: Sandbox,
  args: string[],
  opts: { input?: string } = {},
): T {
  const r = stacklog(sb, [...args, "--json"], opts);
  if (r.status !== 0) throw new Error(`stacklog ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout) as T;
}

/** Starts `stacklog ARGS` in the background. */
export function spawnStacklog(sb: Sandbox, args: string[], opts: SpawnOptions = {}) {
  return spawn(process.execPath, [...NODE_ARGS, ...args], { cwd: sb.dir, env: sb.env, ...opts });
}

/** Every file under a folder, recursively (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
