import { readFileSync } from "node:fs";
import { join } from "node:path";
import { quote, type ShellKind, shellScriptsDir } from "../shell/launch.js";

/**
 * The text for `eval "$(stacklog hook bash)"` (or zsh): hooks that append one line per command
 * to `spoolFile` using shell builtins only (no process is started per command).
 */
export function hookScript(
  shell: ShellKind,
  spoolFile: string,
  scriptsDir: string = shellScriptsDir(),
): string {
  const ext = shell === "bash" ? "bash" : "zsh";
  const read = (name: string) => readFileSync(join(scriptsDir, `${name}.${ext}`), "utf8");
  // The lines are unredacted: the spool is created here, private whatever the shell's umask
  // (a file that exists keeps its mode when appended to). One subshell, at eval time only.
  const create = `(umask 077 && : >>"$__stacklog_spool") 2>/dev/null`;
  return `__stacklog_spool=${quote(spoolFile)}\n${create}\n${read("common")}\n${read("hook")}`;
}
