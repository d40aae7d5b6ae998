import { type IPty, spawn } from "node-pty";
import { NODE_ARGS, type Sandbox } from "./cli.js";

/** A user's terminal: `stacklog ARGS` inside a real PTY, with what the screen received. */
export interface Terminal {
  pty: IPty;
  screen(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited: Promise<{ exitCode: number; signal?: number }>;
}

export function terminal(
  sb: Sandbox,
  args: string[],
  opts: { cols?: number; rows?: number } = {},
): Terminal {
  return programInTerminal(sb, process.execPath, [...NODE_ARGS, ...args], opts);
}

/** Any program in a real PTY (a shell the hooks are loaded into), `env` added to the sandbox's. */
export function programInTerminal(
  sb: Sandbox,
  file: string,
  args: string[],
  opts: { cols?: number; rows?: number; env?: Record<string, string> } = {},
): Terminal {
  const pty = spawn(file, args, {
    cols: opts.cols ?? 100,
    rows: opts.rows ?? 30,
    cwd: sb.dir,
    env: { ...sb.env, TERM: "xterm-256color", ...opts.env },
  });
  let text = "";
  pty.onData((d) => {
    text += d;
  });
  const exited = new Promise<{ exitCode: number; signal?: number }>((resolve) =>
    pty.onExit(resolve),
  );
  const waitFor = async (want: string | RegExp, timeoutMs = 20_000): Promise<void> => {
    const start = Date.now();
    const seen = () => (typeof want === "string" ? text.includes(want) : want.test(text));
    while (!seen()) {
      if (Date.now() - start > timeoutMs)
        throw new Error(`terminal never showed ${want}; it showed:\n${text}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { pty, screen: () => text, waitFor, exited };
}

/**
 * `stacklog shell` in a terminal, once its banner and first prompt are drawn, with `type`: a
 * line typed and Enter, then waiting for `wait` on the screen.
 */
export async function recordedShell(
  sb: Sandbox,
): Promise<{ t: Terminal; type: (line: string, wait: string) => Promise<void> }> {
  const t = terminal(sb, ["shell"]);
  await t.waitFor("recording this shell");
  await t.waitFor("\x1b]133;B");
  const type = async (line: string, wait: string) => {
    t.pty.write(`${line}\r`);
    await t.waitFor(wait);
  };
  return { t, type };
}
