import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Seeded, seedUpgrade } from "../../test/fixtures/publish/seed.js";
import { type JournalStore, openStore } from "../journal/index.js";
import { type App, createApp, type SseBody } from "./index.js";

let home: string;
let store: JournalStore;
let seeded: Seeded;
let app: App;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-app-"));
  store = openStore({ home });
  seeded = seedUpgrade(store);
  app = createApp({ reader: store, pollMs: 60_000, allowedHosts: ["localhost", "127.0.0.1"] });
});

afterEach(() => {
  app.close();
  store.close();
  fs.rmSync(home, { recursive: true, force: true });
});

const get = (url: string, headers: Record<string, string> = { host: "127.0.0.1:7300" }) =>
  app.handle({ method: "GET", url, headers });

function liveJournal(): string {
  const j = store.createJournal({ title: "Live upgrade", tool: "kolla-ansible" });
  store.append({
    journalId: j.id,
    time: Date.now(),
    actor: "bob@deploy",
    terminal: null,
    phase: "compute",
    payload: { kind: "phase", action: "begin", name: "compute" },
  });
  return j.id;
}

describe("the live web app", () => {
  it("serves the same pages as publish, with the index at /", () => {
    const r = get("/");
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toContain("text/html");
    expect(String(r.body)).toContain("Yoga → Zed upgrade");
    expect(get(`/journals/${seeded.journalId}/`).status).toBe(200);
    expect(get(`/journals/${seeded.journalId}/index.html`).body).toBe(
      get(`/journals/${seeded.journalId}/`).body,
    );
    expect(get("/assets/site.css").headers["content-type"]).toContain("text/css");
  });

  it("offers outputs as plain text without escape sequences", () => {
    const p = seeded.failed.payload;
    if (p.kind !== "command" || !p.outputId) throw new Error("seed changed");
    const r = get(`/journals/${seeded.journalId}/output/${p.outputId}.txt`);
    expect(r.headers["content-type"]).toContain("text/plain");
    expect(String(r.body)).toContain("fatal: [ctl2]: FAILED!");
    expect(String(r.body)).not.toContain("\x1b");
  });

  it("is read-only and answers unknown paths with 404", () => {
    expect(app.handle({ method: "POST", url: "/", headers: {} }).status).toBe(405);
    expect(get("/journals/nope/").status).toBe(404);
    expect(get("/../../etc/passwd").status).toBe(404);
    expect(get("/events/nope").status).toBe(404);
  });

  it("refuses requests naming another host, against DNS rebinding", () => {
    expect(get("/", { host: "evil.example:7300" }).status).toBe(421);
    expect(get("/", { host: "localhost:7300" }).status).toBe(200);
  });

  it("shows a live badge and subscribes to updates only while a journal is in progress", () => {
    const id = liveJournal();
    const live = String(get(`/journals/${id}/`).body);
    expect(live).toContain('id="live-badge"');
    expect(live).toContain(`data-live="../../events/${id}"`);
    expect(String(get(`/journals/${seeded.journalId}/`).body)).not.toContain('id="live-badge"');
  });

  it("streams an appended event as rendered, escaped HTML in one SSE message", () => {
    const id = liveJournal();
    const r = get(`/events/${id}?after=1`);
    expect(r.headers["content-type"]).toContain("text/event-stream");
    const got: string[] = [];
    const stop = (r.body as SseBody).start((t) => got.push(t));
    try {
      store.append({
        journalId: id,
        time: Date.now(),
        actor: "bob@deploy",
        terminal: null,
        phase: "compute",
        payload: { kind: "note", noteKind: "problem", text: "nova-compute <b>down</b>\non cn1" },
      });
      app.poll();
      const message = got.find((t) => t.startsWith("event: event\n"));
      expect(message).toBeDefined();
      const lines = (message ?? "").split("\n");
      expect(lines.slice(0, 2)).toEqual(["event: event", "id: 2"]);
      const data = JSON.parse(
        lines
          .filter((l) => l.startsWith("data: "))
          .map((l) => l.slice(6))
          .join("\n"),
      );
      expect(data).toMatchObject({ seq: 2, phase: "compute" });
      expect(data.html).toContain("nova-compute &lt;b&gt;down&lt;/b&gt;");
      expect(data.html).toContain('class="fixed-by" hidden');
    } finally {
      stop();
    }
  });

  it("sends the whole journal for after=0, and only new events without after", () => {
    const id = liveJournal();
    const seqs = (url: string) => {
      const got: string[] = [];
      (get(url).body as SseBody).start((t) => got.push(t))();
      return got.filter((t) => t.startsWith("event: event\n")).map((t) => t.split("\n")[1]);
    };
    expect(seqs(`/events/${id}?after=0`)).toEqual(["id: 1"]);
    expect(seqs(`/events/${id}`)).toEqual([]);
    expect(seqs(`/events/${id}?after=nonsense`)).toEqual([]);
  });

  it("tells subscribers when the journal finishes", () => {
    const id = liveJournal();
    const got: string[] = [];
    const stop = (get(`/events/${id}`).body as SseBody).start((t) => got.push(t));
    store.updateJournal(id, { status: "completed", endedAt: Date.now() });
    app.poll();
    stop();
    expect(got.at(-1)).toBe('event: status\ndata: {"status":"completed"}\n\n');
  });
});
