import { type SpawnOptions, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { CommandPayload, JournalEvent } from "../../src/journal/index.js";

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
/** The CLI from source, run by Node through tsx: no build needed. */
export const ENTRY = path.join(ROOT, "src", "cli", "entry.ts");
/** tsx by absolute URL, so tests may run stacklog from any working directory. */
export const TSX = pathToFileURL(path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs")).href;
export const NODE_ARGS = ["--import", TSX, ENTRY];

/**
 * The built CLI as users run it (dist/bundle/, see scripts/bundle.mjs), built first when a
 * source is newer. Tests of stacklog's own memory use it: users run the build, and the sources
 * under tsx carry the loader's memory too.
 */
export function builtEntry(): string {
  const entry = path.join(ROOT, "dist", "bundle", "entry.js");
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  if (newestUnder(path.join(ROOT, "src")) > built) {
    const steps = [
      [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
      [path.join(ROOT, "scripts", "bundle.mjs")],
    ];
    for (const step of steps) {
      const r = spawnSync(process.execPath, step, { cwd: ROOT, encoding: "utf8" });
      if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
    }
  }
  return entry;
}

/**
 * The files of the bundle in `dir` that its entry loads, directly or through each other
 * (chunks of earlier builds may lie beside them for a while: see scripts/bundle.mjs).
 */
export function liveBundleFiles(dir = path.join(ROOT, "dist", "bundle")): string[] {
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const code = readFileSync(path.join(dir, name), "utf8");
    for (const m of code.matchAll(/(?:from |import\()"\.\/(chunk-\w+\.js)"/g))
      visit(m[1] as string);
  };
  visit("entry.js");
  return [...seen];
}

function newestUnder(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestUnder(p) : statSync(p).mtimeMs);
  }
  return newest;
}

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
  opts: { input?: string; cwd?: string; env?: Record<string, string>; timeout?: number } = {},
): CliResult {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: opts.cwd ?? sb.dir,
    env: { ...sb.env, ...opts.env },
    input: opts.input ?? "",
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    // a hang fails its test (killed: signal SIGKILL) instead of blocking the whole run
    ...(opts.timeout ? { timeout: opts.timeout, killSignal: "SIGKILL" as const } : {}),
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

/** Starts `stacklog ARGS` in the background (the built CLI with `built: true`). */
export function spawnStacklog(
  sb: Sandbox,
  args: string[],
  opts: SpawnOptions & { built?: boolean } = {},
) {
  const { built, ...rest } = opts;
  const cli = built ? [builtEntry()] : NODE_ARGS;
  return spawn(process.execPath, [...cli, ...args], { cwd: sb.dir, env: sb.env, ...rest });
}

/** Every file under a folder, recursively (none when it does not exist). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

/** The current journal's events as `stacklog log --json` gives them (`args` filter, e.g. --kind). */
export function loggedEvents(sb: Sandbox, args: string[] = []): JournalEvent[] {
  const r = stacklog(sb, ["log", "--json", ...args]);
  if (r.status !== 0) throw new Error(`stacklog log exited ${r.status}: ${r.stderr}`);
  return r.stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as JournalEvent);
}

/** The recorded command whose line is `line` among `events`, with its stored output. */
export function recordedCommand(
  sb: Sandbox,
  events: JournalEvent[],
  line: string,
): { e: JournalEvent; p: CommandPayload; output: string } {
  const e = events.find((x) => x.payload.kind === "command" && x.payload.line === line);
  if (!e) throw new Error(`no command ${line} in ${JSON.stringify(events.map((x) => x.payload))}`);
  const output = stacklogJson<{ output: string }>(sb, ["show", String(e.seq)]).output;
  return { e, p: e.payload as CommandPayload, output };
}
