import http from "node:http";
import type { AddressInfo } from "node:net";
import { fail } from "../errors/index.js";
import type { JournalReader } from "../journal/index.js";
import { type App, createApp } from "./app.js";
import { SSE_HEARTBEAT } from "./sse.js";

export interface ServerOptions {
  reader: JournalReader;
  /** Default 7300; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Required to listen on a non-loopback address. */
  public?: boolean;
  /** The SQLite file, watched for appends (default: the reader's `path` when it has one). */
  storePath?: string | null;
  pollMs?: number;
  heartbeatMs?: number;
  onError?: (err: unknown) => void;
}

export interface RunningServer {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK_NAMES = ["localhost", "127.0.0.1", "[::1]", "::1"];

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.includes(host.toLowerCase()) || /^127(\.\d{1,3}){3}$/.test(host);
}

function adapter(app: App, heartbeatMs: number, onError: (err: unknown) => void) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    let out: ReturnType<App["handle"]>;
    try {
      out = app.handle({ method: req.method ?? "GET", url: req.url ?? "/", headers: req.headers });
    } catch (err) {
      onError(err);
      res.writeHead(500, { "content-type": "text/plain; charset=utf-8" }).end("internal error\n");
      return;
    }
    res.writeHead(out.status, out.headers);
    if (typeof out.body === "string") {
      res.end(req.method === "HEAD" ? undefined : out.body);
      return;
    }
    res.flushHeaders();
    const stop = out.body.start((chunk) => res.write(chunk));
    const beat = setInterval(() => res.write(SSE_HEARTBEAT), heartbeatMs);
    req.on("close", () => {
      clearInterval(beat);
      stop();
    });
  };
}

function storePathOf(reader: JournalReader): string | null {
  const p = (reader as { path?: unknown }).path;
  return typeof p === "string" ? p : null;
}

/**
 * Serves the pages and live updates over HTTP. Refuses a non-loopback host unless `public`
 * (PublicHostRefused) and reports a taken port as PortInUse.
 */
export async function startServer(o: ServerOptions): Promise<RunningServer> {
  const host = o.host ?? "127.0.0.1";
  const port = o.port ?? 7300;
  if (!isLoopback(host) && !o.public) throw fail("PublicHostRefused", host);
  const onError = o.onError ?? (() => {});
  const app = createApp({
    reader: o.reader,
    storePath: o.storePath === undefined ? storePathOf(o.reader) : o.storePath,
    pollMs: o.pollMs,
    onError,
    allowedHosts: o.public ? null : LOOPBACK_NAMES,
  });
  const server = http.createServer(adapter(app, o.heartbeatMs ?? 15_000, onError));
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      app.close();
      reject(err.code === "EADDRINUSE" ? fail("PortInUse", host, port) : err);
    });
    server.listen(port, host.replace(/^\[|\]$/g, ""), () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const shown = addr.family === "IPv6" ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${shown}:${addr.port}/`,
    host,
    port: addr.port,
    close: () =>
      new Promise<void>((resolve) => {
        app.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
