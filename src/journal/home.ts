import { join } from "node:path";

/** The store's folder: `$STACKLOG_HOME`, else `$XDG_DATA_HOME/stacklog`, else `~/.local/share/stacklog`. */
export function resolveHome(env: Record<string, string | undefined>, homedir: string): string {
  if (env.STACKLOG_HOME) return env.STACKLOG_HOME;
  if (env.XDG_DATA_HOME) return join(env.XDG_DATA_HOME, "stacklog");
  return join(homedir, ".local", "share", "stacklog");
}

/** File name of the SQLite store inside its home. */
export const STORE_FILE = "stacklog.db";
