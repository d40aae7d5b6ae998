import { spawnSync } from "node:child_process";
import type { SignalSource } from "./run-types.js";

/**
 * Prepares the user's terminal to carry a child terminal: `stdin` raw, so every key (Ctrl-C too)
 * reaches the child's terminal as bytes, and output post-processing off on `stdout`, so the
 * child's bytes arrive unchanged (libuv's raw mode keeps ONLCR, which would turn the child's
 * "\r\n" into "\r\r\n"; see libuv src/unix/tty.c uv_tty_set_mode). Returns the restore function;
 * it also runs on `exit` of `source`, so the terminal is never left raw.
 */
export function enterRawMode(
  stdin: NodeJS.ReadStream,
  stdout: NodeJS.WriteStream,
  source: SignalSource,
): () => void {
  const outFd = stdout.isTTY ? (stdout as { fd?: number }).fd : undefined;
  const saved = outFd === undefined ? null : stty(outFd, ["-g"]);
  const rawIn = stdin.isTTY === true && typeof stdin.setRawMode === "function";
  const wasRaw = stdin.isRaw === true;
  let restored = false;
  const restore = (): void => {
    if (restored) return;
    restored = true;
    source.off("exit", restore);
    try {
      if (rawIn) stdin.setRawMode(wasRaw);
    } catch {
      // The terminal is gone (hangup); nothing is left to restore.
    }
    if (outFd !== undefined && saved) stty(outFd, [saved]);
  };
  source.on("exit", restore);
  if (rawIn) stdin.setRawMode(true);
  if (outFd !== undefined && saved) stty(outFd, ["-opost"]);
  return restore;
}

/** Runs stty on the terminal open as `fd`; returns its trimmed output, or null when it failed. */
function stty(fd: number, args: string[]): string | null {
  const r = spawnSync("stty", args, { stdio: [fd, "pipe", "ignore"], encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : null;
}

// Linux termios: ISIG in c_lflag, and VSUSP's place in c_cc (`stty -g` prints iflag, oflag,
// cflag, lflag, then c_cc, in hex).
const ISIG = 0x1;
const VSUSP = 10;

/**
 * Whether the terminal open as `fd` turns the byte `key` into SIGTSTP for its foreground group
 * (ISIG on and `key` its suspend character), as it does for Ctrl-Z at a shell's prompt and not
 * in a full-screen program, which reads the key itself. On a pseudo-terminal's master side Linux
 * answers for the pair. False when stty cannot tell.
 */
export function suspendsOn(fd: number, key: number): boolean {
  const fields = stty(fd, ["-g"])?.split(":");
  const lflag = Number.parseInt(fields?.[3] ?? "", 16);
  const susp = Number.parseInt(fields?.[4 + VSUSP] ?? "", 16);
  return (lflag & ISIG) !== 0 && susp === key;
}
