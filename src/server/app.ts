import type { JournalReader } from "../journal/index.js";
import { renderRoute, SAFE_SEGMENT } from "../publish/index.js";
import { LiveHub, type Send } from "./live-feed.js";

export interface AppRequest {
  method: string;
  /** Path and query, e.g. `/journals/01J…/index.html?x=1`. */
  url: string;
  headers?: Record<string, string | string[] | undefined>;
}

/** A stream of SSE text: `start` begins sending and returns the function that stops it. */
export interface SseBody {
  kind: "sse";
  start(send: Send): () => void;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: string | SseBody;
}

export interface AppOptions {
  reader: JournalReader;
  storePath?: string | null;
  pollMs?: number;
  now?: () => number;
  /** Host names accepted in the Host header; null accepts any (public serving). */
  allowedHosts?: readonly string[] | null;
  onError?: (err: unknown) => void;
}

export interface App {
  handle(req: AppRequest): AppResponse;
  /** Reads the store for new events now (the poll and the file watch call this too). */
  poll(): void;
  /** Stops live feeds. */
  close(): void;
}

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

function text(status: number, body: string, extra: Record<string, string> = {}): AppResponse {
  return {
    status,
    headers: { "content-type": "text/plain; charset=utf-8", ...SECURITY_HEADERS, ...extra },
    body,
  };
}

function hostAllowed(req: AppRequest, allowed: readonly string[] | null | undefined): boolean {
  if (!allowed) return true;
  const host = String(req.headers?.host ?? "").toLowerCase();
  const name = host.startsWith("[")
    ? host.slice(0, host.indexOf("]") + 1)
    : host.replace(/:\d+$/, "");
  return name === "" || allowed.includes(name);
}

function sse(
  hub: LiveHub,
  reader: JournalReader,
  journalId: string,
  query: URLSearchParams,
): AppResponse {
  if (!SAFE_SEGMENT.test(journalId)) return text(404, "no such journal\n");
  const j = reader.listJournals().find((x) => x.id === journalId);
  if (!j) return text(404, "no such journal\n");
  // after=0 asks for the whole journal; no (or no usable) `after` for new events only.
  const asked = /^\d+$/.test(query.get("after") ?? "") ? Number(query.get("after")) : Number.NaN;
  const after = Number.isSafeInteger(asked) ? asked : reader.lastSeq(j.id);
  return {
    status: 200,
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      ...SECURITY_HEADERS,
    },
    body: { kind: "sse", start: (send) => hub.subscribe(j.id, after, send) },
  };
}

/**
 * The live web app: the published site's pages as routes, read fresh from the store on each
 * request, plus `GET /events/<journalId>` (SSE of new events). Read-only; no port is bound here.
 */
export function createApp(o: AppOptions): App {
  const hub = new LiveHub({
    reader: o.reader,
    storePath: o.storePath ?? null,
    pollMs: o.pollMs ?? 100,
    onError: o.onError,
  });
  const src = { reader: o.reader, live: true, now: o.now };
  const handle = (req: AppRequest): AppResponse => {
    if (req.method !== "GET" && req.method !== "HEAD")
      return text(405, "read-only\n", { allow: "GET, HEAD" });
    if (!hostAllowed(req, o.allowedHosts)) return text(421, "unexpected Host header\n");
    const url = new URL(req.url, "http://stacklog.invalid");
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return text(400, "bad path\n");
    }
    const events = /^\/events\/([^/]+)$/.exec(pathname);
    if (events) return sse(hub, o.reader, events[1] ?? "", url.searchParams);
    if (pathname.split("/").some((seg) => seg === ".." || seg === "."))
      return text(400, "bad path\n");
    const page = renderRoute(src, pathname);
    if (!page) return text(404, "not found\n");
    return {
      status: 200,
      headers: {
        "content-type": page.contentType,
        "cache-control": "no-cache",
        ...SECURITY_HEADERS,
      },
      body: page.body,
    };
  };
  return { handle, poll: () => hub.tick(), close: () => hub.stop() };
}
