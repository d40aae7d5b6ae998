import { readSync } from "node:fs";
import type { IPty } from "node-pty";

interface PtySocket {
  on(event: "end", listener: () => void): unknown;
  destroy(err?: Error): unknown;
  readonly destroyed: boolean;
  readonly readableEnded: boolean;
}

/**
 * How long a final drain waits in total for bytes the kernel has not handed over yet. The
 * kernel moves pty data to the master side from a work queue, which a loaded machine runs late
 * (50 ms lost the last lines under a load average of 10); a drain that meets EIO, the usual end,
 * returns at once, so only that late case waits.
 */
const DRAIN_WAIT_MS = 500;

/**
 * Makes sure every byte the child wrote is read from its terminal before the terminal closes.
 * Two things lose the tail of the output on Linux, more the slower our reader is:
 * - libuv takes a short read after POLLHUP as end-of-file, though the pty master still holds
 *   data (https://github.com/libuv/libuv/issues/4992, fixed in libuv after Node 20's;
 *   node-pty issue #85). On that early end, the rest is read here synchronously.
 * - node-pty destroys its socket 200 ms after the child exits, read or not (a macOS workaround,
 *   DESTROY_SOCKET_TIMEOUT_MS in node-pty src/unixTerminal.ts). That destroy is deferred until
 *   `idle(lingerMs)` holds (a background process may keep the terminal open; a shell would not
 *   wait for it), then the rest is drained and the socket destroyed.
 * Uses node-pty's private socket and fd; if they are missing this does nothing.
 */
export function drainBeforeClose(
  child: IPty,
  deliver: (bytes: Buffer) => void,
  idle: (lingerMs: number) => boolean,
  lingerMs = 1000,
): void {
  const internals = child as unknown as { _socket?: PtySocket; fd?: number };
  const { _socket: socket, fd } = internals;
  if (!socket || typeof socket.destroy !== "function" || typeof fd !== "number") return;
  const drain = (): void => drainSync(fd, deliver);
  // Runs after net.Socket's own 'end' handler, which only schedules the close: the fd is open.
  socket.on("end", drain);
  const destroy = socket.destroy.bind(socket);
  socket.destroy = (err?: Error) => {
    if (err !== undefined || socket.destroyed || socket.readableEnded) return destroy(err);
    const timer = setInterval(() => {
      if (socket.destroyed) clearInterval(timer);
      else if (idle(lingerMs)) {
        clearInterval(timer);
        drain();
        destroy();
      }
    }, lingerMs / 4);
    return socket;
  };
}

/** Reads `fd` (non-blocking) until EIO (the other side closed and all is read) or nothing comes. */
export function drainSync(
  fd: number,
  deliver: (bytes: Buffer) => void,
  waitMs = DRAIN_WAIT_MS,
): void {
  const buf = Buffer.allocUnsafe(64 * 1024);
  let waited = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EAGAIN" || waited >= waitMs) return;
      sleepSync(1);
      waited++;
      continue;
    }
    if (n === 0) return;
    deliver(Buffer.from(buf.subarray(0, n)));
  }
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
