import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join, resolve } from "node:path";

/** Whether a command can start, and if not the status and words a shell would use. */
export type Resolution =
  | { ok: true; path: string }
  | { ok: false; status: 126 | 127; reason: string };

type Probe = "runnable" | "missing" | "directory" | "denied";

const DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

/**
 * Finds `cmd` the way execvp will (a name with a slash is a path from `cwd`, else each PATH
 * entry in turn), so that a failure can be reported like a shell before anything is spawned:
 * 127 "command not found" / "No such file or directory", 126 "Permission denied" / "Is a directory".
 */
export function resolveCommand(cmd: string, cwd: string, pathEnv: string | undefined): Resolution {
  if (cmd.includes("/")) return fromProbe(resolve(cwd, cmd), probe(resolve(cwd, cmd)));
  let denied: string | null = null;
  for (const dir of (pathEnv ?? DEFAULT_PATH).split(delimiter)) {
    const full = join(dir === "" ? cwd : isAbsolute(dir) ? dir : resolve(cwd, dir), cmd);
    const found = probe(full);
    if (found === "runnable") return { ok: true, path: full };
    if (found === "denied") denied ??= full;
  }
  if (denied !== null) return { ok: false, status: 126, reason: "Permission denied" };
  return { ok: false, status: 127, reason: "command not found" };
}

function fromProbe(path: string, found: Probe): Resolution {
  switch (found) {
    case "runnable":
      return { ok: true, path };
    case "missing":
      return { ok: false, status: 127, reason: "No such file or directory" };
    case "directory":
      return { ok: false, status: 126, reason: "Is a directory" };
    case "denied":
      return { ok: false, status: 126, reason: "Permission denied" };
  }
}

function probe(path: string): Probe {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    return "missing";
  }
  if (isDir) return "directory";
  try {
    accessSync(path, constants.X_OK);
    return "runnable";
  } catch {
    return "denied";
  }
}
