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
 * - Keys typed while the terminal closes (the child has exited, stdin still flows) must not be
 *   written to its descriptor: node-pty only turns `write` into a no-op once its socket has
 *   emitted 'close', a turn of the event loop after the descriptor is closed; a write in between
 *   fails with EBADF, which node-pty prints on the operator's terminal ("Unhandled pty write
 *   error"), and could land in another file that reused the number. Writes stop before the
 *   close, and a deferred close waits for a write already under way.
 * Uses node-pty's private socket, fd and write queue; if they are missing this does nothing.
 */
export function drainBeforeClose(
  child: IPty,
  deliver: (bytes: Buffer) => void,
  idle: (lingerMs: number) => boolean,
  lingerMs = 1000,
): void {
  const internals = child as unknown as {
    _socket?: PtySocket;
    fd?: number;
    _writeStream?: PtyWriteQueue;
  };
  const { _socket: socket, fd, _writeStream: writes } = internals;
  if (!socket || typeof socket.destroy !== "function" || typeof fd !== "number") return;
  const drain = (): void => drainSync(fd, deliver);
  // Runs after net.Socket's own 'end' handler, which only schedules the close: the fd is open.
  socket.on("end", drain);
  const original = socket.destroy.bind(socket);
  const destroy = (err?: Error) => {
    stopWrites(child, writes);
    return original(err);
  };
  socket.destroy = (err?: Error) => {
    if (err !== undefined || socket.destroyed || socket.readableEnded) return destroy(err);
    const timer = setInterval(() => {
      if (socket.destroyed) clearInterval(timer);
      else if (idle(lingerMs) && !writeUnderWay(writes)) {
        clearInterval(timer);
        drain();
        destroy();
      }
    }, lingerMs / 4);
    return socket;
  };
}

/** node-pty's queue of writes to the terminal (its CustomWriteStream). */
interface PtyWriteQueue {
  _writeQueue?: unknown[];
  /** Set while a write waits to be tried again (EAGAIN); none is under way then. */
  _writeImmediate?: unknown;
  dispose?(): void;
}

/** True while node-pty has a write to the descriptor in progress. */
function writeUnderWay(writes: PtyWriteQueue | undefined): boolean {
  return (writes?._writeQueue?.length ?? 0) > 0 && writes?._writeImmediate === undefined;
}

/** Drops later writes and those still queued, as node-pty itself does once closed. */
function stopWrites(child: IPty, writes: PtyWriteQueue | undefined): void {
  (child as { write: IPty["write"] }).write = () => {};
  writes?.dispose?.();
  if (Array.isArray(writes?._writeQueue)) writes._writeQueue.length = 0;
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
