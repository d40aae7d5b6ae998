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
  return `__stacklog_spool=${quote(spoolFile)}\n${read("common")}\n${read("hook")}`;
}
