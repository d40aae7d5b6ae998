import { readlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The process edges a verb may touch. Tests pass their own. */
export interface Io {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: Record<string, string | undefined>;
  cwd: string;
  now?: () => number;
}

/** Everything a verb gets besides its arguments. */
export interface Ctx extends Required<Io> {
  /** The store folder. */
  home: string;
  json: boolean;
  color: boolean;
  user: string;
  host: string;
  /** user@host, recorded on every event. */
  actor: string;
  /** The terminal (tmux pane or tty), recorded on every event. */
  terminal: string | null;
  /** Writes one line to stderr (never to stdout, which may be a pipe to a script). */
  warn(line: string): void;
}

/** Who recorded an event, and where. */
export interface Identity {
  user: string;
  host: string;
  actor: string;
  terminal: string | null;
}

/**
 * The identity as events store it: every name passed through `redact`, as an event's other
 * texts are. `$STACKLOG_USER`, `$STACKLOG_HOST` and `$STACKLOG_TERMINAL` are whatever the
 * operator set, and may hold a registered value.
 */
export function recordedIdentity(who: Identity, redact: (text: string) => string): Identity {
  return {
    user: redact(who.user),
    host: redact(who.host),
    actor: redact(who.actor),
    terminal: who.terminal === null ? null : redact(who.terminal),
  };
}

/** `$STACKLOG_HOME`, else `$XDG_DATA_HOME/stacklog`, else `~/.local/share/stacklog`. */
export function resolveHome(
  env: Record<string, string | undefined>,
  homedir = os.homedir(),
): string {
  if (env.STACKLOG_HOME) return path.resolve(env.STACKLOG_HOME);
  if (env.XDG_DATA_HOME) return path.join(env.XDG_DATA_HOME, "stacklog");
  return path.join(homedir, ".local", "share", "stacklog");
}

function terminalName(env: Record<string, string | undefined>): string | null {
  if (env.STACKLOG_TERMINAL) return env.STACKLOG_TERMINAL;
  if (env.TMUX_PANE) return `tmux${env.TMUX_PANE}`;
  try {
    const link = readlinkSync("/proc/self/fd/0");
    // only a terminal names the operator's terminal: not /dev/null, a pipe or a file
    return /^\/dev\/(pts\/|tty)/.test(link) ? link.slice(5) : null;
  } catch {
    return null;
  }
}

/** Builds the context for one invocation. */
export function makeCtx(io: Io, json: boolean): Ctx {
  const env = io.env;
  const user = env.STACKLOG_USER ?? env.USER ?? safeUser();
  const host = env.STACKLOG_HOST ?? os.hostname();
  const color = !json && !env.NO_COLOR && Boolean(io.stdout.isTTY) && env.TERM !== "dumb";
  return {
    ...io,
    now: io.now ?? Date.now,
    home: resolveHome(env),
    json,
    color,
    user,
    host,
    actor: `${user}@${host}`,
    terminal: terminalName(env),
    warn: (line) => {
      io.stderr.write(`stacklog: ${line}\n`);
    },
  };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}
