import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { fail } from "../../errors/index.js";

export type ShellKind = "bash" | "zsh";

/** How to start the user's shell with stacklog's integration, and what to remove afterwards. */
export interface Launch {
  argv: string[];
  /** Secret of this session that the hooks put in their marks (kept from the shell's children). */
  nonce: string;
  env: Record<string, string>;
  cleanup(): void;
}

/** Which shell a path names (`/usr/bin/zsh` → "zsh"); throws for shells stacklog cannot hook. */
export function shellKind(path: string): ShellKind {
  const name = basename(path).replace(/^-/, "");
  if (name === "bash" || name === "zsh") return name;
  throw fail("BadValue", "the shell to record", "a path to bash or zsh", "/bin/bash", path);
}

/** The package's `shell/` folder (beside `src/` in the repository, or beside `dist/` when built). */
export function shellScriptsDir(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "shell");
    if (existsSync(join(candidate, "stacklog.bash"))) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`stacklog's shell/ folder was not found above ${from}`);
  }
}

/** Path of the integration snippet that `stacklog shell` loads into bash or zsh. */
export function integrationScript(shell: ShellKind): string {
  return join(shellScriptsDir(), shell === "bash" ? "stacklog.bash" : "stacklog.zsh");
}

/**
 * Plans the start of `shell` so that the user's own startup files still run and no file of
 * theirs is edited: bash gets `--rcfile` (our file sources theirs); zsh gets a temporary ZDOTDIR
 * whose dotfiles source theirs. Exports STACKLOG_RECORDING=1 and STACKLOG_SHELL_PID; hands the
 * nonce over in STACKLOG_SHELL_NONCE, which the integration unexports at once.
 */
export function planLaunch(
  shell: string,
  env: Record<string, string | undefined>,
  pid: number,
  tmp: string = tmpdir(),
): Launch {
  const kind = shellKind(shell);
  const nonce = randomBytes(8).toString("hex");
  const base = {
    ...definedOnly(env),
    STACKLOG_RECORDING: "1",
    STACKLOG_SHELL_PID: String(pid),
    STACKLOG_SHELL_NONCE: nonce,
  };
  if (kind === "bash") {
    return {
      argv: [shell, "--rcfile", integrationScript("bash"), "-i"],
      nonce,
      env: base,
      cleanup: () => {},
    };
  }
  const zdotdir = mkdtempSync(join(tmp, "stacklog-zsh-"));
  const scripts = shellScriptsDir();
  writeFileSync(join(zdotdir, ".zshenv"), `source ${quote(join(scripts, "zdotdir-zshenv.zsh"))}\n`);
  writeFileSync(join(zdotdir, ".zshrc"), `source ${quote(join(scripts, "zdotdir-zshrc.zsh"))}\n`);
  const zenv: Record<string, string> = { ...base, ZDOTDIR: zdotdir };
  if (env.ZDOTDIR !== undefined) zenv.STACKLOG_USER_ZDOTDIR = env.ZDOTDIR;
  return {
    argv: [shell, "-i"],
    nonce,
    env: zenv,
    cleanup: () => rmSync(zdotdir, { recursive: true, force: true }),
  };
}

/** Quotes a string for a POSIX shell. */
export function quote(s: string): string {
  return `'${s.replaceAll("'", `'\\''`)}'`;
}

function definedOnly(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
