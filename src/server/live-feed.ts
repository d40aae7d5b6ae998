import fs from "node:fs";
import path from "node:path";
import type { AmendPayload, JournalEvent, JournalReader, JournalStatus } from "../journal/index.js";
import { amendView, type EventContext, eventContext, eventView } from "../publish/index.js";
import { formatSse } from "./sse.js";

/** Receives formatted SSE text. */
export type Send = (text: string) => void;

interface Subscriber {
  send: Send;
  after: number;
}

interface Feed {
  journalId: string;
  lastSeq: number;
  status: JournalStatus;
  events: JournalEvent[];
  /** Rendered messages by seq, so that each event is rendered once for all subscribers. */
  rendered: Map<number, string>;
  subscribers: Set<Subscriber>;
}

export interface LiveOptions {
  reader: JournalReader;
  /** The SQLite file: its folder is watched so that appends are seen at once. */
  storePath?: string | null;
  /** Poll interval, the fallback when file watching misses a change. */
  pollMs?: number;
  onError?: (err: unknown) => void;
}

/** Renders one event as the SSE message the account page's script inserts. */
function eventMessage(ctx: EventContext, e: JournalEvent): string {
  const p = e.payload;
  const msg = {
    id: e.id,
    seq: e.seq,
    phase: e.phase,
    html: eventView(e, ctx).value,
    ...(p.kind === "amend"
      ? { target: p.target, amendHtml: amendView(e as JournalEvent<AmendPayload>).value }
      : {}),
    ...(p.kind === "note" && p.fixes ? { fixes: p.fixes } : {}),
  };
  return formatSse({ event: "event", id: String(e.seq), data: JSON.stringify(msg) });
}

const statusMessage = (status: JournalStatus) =>
  formatSse({ event: "status", data: JSON.stringify({ status }) });

/**
 * Follows journals for SSE clients: one poll (and one file watch) for all clients, each new
 * event read and rendered once, then sent to every subscriber of its journal.
 */
export class LiveHub {
  private readonly feeds = new Map<string, Feed>();
  private timer: NodeJS.Timeout | null = null;
  private watcher: fs.FSWatcher | null = null;
  private pending = false;

  constructor(private readonly o: LiveOptions) {}

  /** Sends events after `after`, then every new one; returns the unsubscribe function. */
  subscribe(journalId: string, after: number, send: Send): () => void {
    const feed = this.feed(journalId);
    const sub: Subscriber = { send, after };
    const backlog = feed.events.filter((e) => e.seq > after);
    this.render(feed, backlog);
    for (const e of backlog) this.deliver(feed, sub, e);
    send(statusMessage(feed.status));
    feed.subscribers.add(sub);
    this.start();
    return () => {
      feed.subscribers.delete(sub);
      if (feed.subscribers.size === 0) this.feeds.delete(journalId);
      if (this.feeds.size === 0) this.stop();
    };
  }

  /** Reads what changed in every followed journal and sends it. Called by the poll and the watcher. */
  tick(): void {
    for (const feed of this.feeds.values()) {
      const last = this.o.reader.lastSeq(feed.journalId);
      if (last > feed.lastSeq) {
        const fresh = this.o.reader.events(feed.journalId, { afterSeq: feed.lastSeq });
        feed.events.push(...fresh);
        feed.lastSeq = feed.events.at(-1)?.seq ?? last;
        this.render(feed, fresh);
        for (const e of fresh) for (const sub of feed.subscribers) this.deliver(feed, sub, e);
      }
      const status = this.o.reader.getJournal(feed.journalId).status;
      if (status !== feed.status) {
        feed.status = status;
        for (const sub of feed.subscribers) sub.send(statusMessage(status));
      }
    }
  }

  /** Stops polling and watching. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.watcher?.close();
    this.timer = null;
    this.watcher = null;
  }

  private feed(journalId: string): Feed {
    let feed = this.feeds.get(journalId);
    if (!feed) {
      const j = this.o.reader.getJournal(journalId);
      const events = this.o.reader.events(j.id);
      feed = {
        journalId: j.id,
        lastSeq: events.at(-1)?.seq ?? 0,
        status: j.status,
        events,
        rendered: new Map(),
        subscribers: new Set(),
      };
      this.feeds.set(journalId, feed);
    }
    return feed;
  }

  private render(feed: Feed, events: readonly JournalEvent[]): void {
    const todo = events.filter((e) => !feed.rendered.has(e.seq));
    if (todo.length === 0) return;
    const ctx = eventContext(this.o.reader, feed.events);
    for (const e of todo) feed.rendered.set(e.seq, eventMessage(ctx, e));
  }

  private deliver(feed: Feed, sub: Subscriber, e: JournalEvent): void {
    const text = feed.rendered.get(e.seq);
    if (e.seq <= sub.after || text === undefined) return;
    sub.after = e.seq;
    sub.send(text);
  }

  private start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.safeTick(), this.o.pollMs ?? 100);
    this.timer.unref();
    if (!this.o.storePath) return;
    const base = path.basename(this.o.storePath);
    try {
      this.watcher = fs.watch(path.dirname(this.o.storePath), (_type, name) => {
        if (name?.startsWith(base)) this.soon();
      });
      this.watcher.unref();
    } catch {
      // Watching is an optimisation (some file systems do not support it); the poll still runs.
      this.watcher = null;
    }
  }

  private soon(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      this.safeTick();
    });
  }

  private safeTick(): void {
    try {
      this.tick();
    } catch (err) {
      // A failed read (store busy, journal gone) is retried on the next poll; report it once per tick.
      this.o.onError?.(err);
    }
  }
}
