import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { CloudAuth } from "./types.js";

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A response, or why there was none (timeout, refused, TLS), in words fit for a finding. */
export type HttpResult =
  | { ok: true; status: number; headers: Record<string, string>; body: string }
  | { ok: false; problem: string };

export type Http = (req: HttpRequest) => Promise<HttpResult>;

const MAX_BODY = 32 * 1024 * 1024;

function describe(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; code?: string; message?: string; cause?: unknown };
  if (e.name === "TimeoutError" || e.name === "AbortError")
    return `timed out after ${timeoutMs} ms`;
  if (e.cause && e.cause !== err) return describe(e.cause, timeoutMs);
  const code = e.code ? ` (${e.code})` : "";
  if (e.code === "ECONNREFUSED") return "connection refused";
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return `host not found${code}`;
  if (/CERT|SSL|TLS|SELF_SIGNED/i.test(e.code ?? ""))
    return `TLS error: ${e.message ?? e.code}${code}`;
  return `${e.message ?? String(err)}${code}`;
}

/**
 * HTTP over node:http/https so that a CA bundle and `insecure` apply per cloud
 * (global fetch cannot take a CA without the undici package).
 */
export function nodeHttp(auth: Pick<CloudAuth, "cacert" | "insecure">, timeoutMs: number): Http {
  let ca: Buffer | undefined;
  return (req) =>
    new Promise<HttpResult>((resolve) => {
      let url: URL;
      try {
        url = new URL(req.url);
        if (auth.cacert && !ca) ca = readFileSync(auth.cacert);
      } catch (e) {
        resolve({ ok: false, problem: describe(e, timeoutMs) });
        return;
      }
      const signal = AbortSignal.timeout(timeoutMs);
      // A Content-Length, not chunked encoding: uwsgi's http-socket does not read chunked bodies.
      const length =
        req.body !== undefined ? { "content-length": String(Buffer.byteLength(req.body)) } : {};
      // agent: false — a fresh connection per request; reusing keep-alive sockets that uwsgi
      // or a load balancer already closed gives ECONNRESET.
      const options = {
        method: req.method,
        headers: { ...req.headers, ...length },
        signal,
        agent: false,
      };
      const tls = { ...(ca ? { ca } : {}), rejectUnauthorized: !auth.insecure };
      const r =
        url.protocol === "https:"
          ? httpsRequest(url, { ...options, ...tls })
          : httpRequest(url, options);
      r.on("error", (e) => resolve({ ok: false, problem: describe(e, timeoutMs) }));
      r.on("response", (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > MAX_BODY) res.destroy(new Error(`response larger than ${MAX_BODY} bytes`));
          else chunks.push(c);
        });
        res.on("error", (e) => resolve({ ok: false, problem: describe(e, timeoutMs) }));
        res.on("end", () => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) headers[k] = String(v);
          resolve({
            ok: true,
            status: res.statusCode ?? 0,
            headers,
            body: Buffer.concat(chunks).toString("utf8"),
          });
        });
      });
      if (req.body !== undefined) r.write(req.body);
      r.end();
    });
}

/** Adapts a fetch-compatible function (tests, other runtimes); CA and insecure are then its business. */
export function fetchHttp(fetchImpl: typeof fetch, timeoutMs: number): Http {
  return async (req) => {
    try {
      const init: RequestInit = {
        method: req.method,
        headers: req.headers ?? {},
        signal: AbortSignal.timeout(timeoutMs),
      };
      if (req.body !== undefined) init.body = req.body;
      const res = await fetchImpl(req.url, init);
      const headers: Record<string, string> = {};
      res.headers.forEach((v, k) => {
        headers[k] = v;
      });
      return { ok: true, status: res.status, headers, body: await res.text() };
    } catch (e) {
      return { ok: false, problem: describe(e, timeoutMs) };
    }
  };
}

/** Parses a JSON body; null when it is not JSON. */
export function jsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}
