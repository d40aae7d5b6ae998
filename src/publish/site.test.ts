import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Seeded, seedUpgrade } from "../../test/fixtures/publish/seed.js";
import { type SeededSnapshots, seedSnapshots } from "../../test/fixtures/publish/seed-snapshots.js";
import { StacklogError } from "../errors/index.js";
import { type JournalStore, openStore } from "../journal/index.js";
import { publishSite } from "./index.js";

let tmp: string;
let out: string;
let store: JournalStore;
let first: Seeded;
let second: Seeded;
let third: SeededSnapshots;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-site-"));
  out = path.join(tmp, "site");
  store = openStore({ home: path.join(tmp, "home") });
  first = seedUpgrade(store);
  second = seedUpgrade(store, Date.UTC(2026, 5, 1));
  third = seedSnapshots(store);
});

afterEach(() => {
  store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function listFiles(dir: string): string[] {
  return fs.existsSync(dir)
    ? fs.readdirSync(dir, { recursive: true, encoding: "utf8" }).sort()
    : [];
}

describe("publishSite", () => {
  it("writes a site whose every relative link resolves to a file in it", () => {
    const r = publishSite({ reader: store, outDir: out });
    expect(r.journalsRendered).toBe(3);
    const pages = listFiles(out).filter((f) => f.endsWith(".html"));
    expect(pages).toContain("index.html");
    expect(pages).toContain("glossary/index.html");
    expect(pages).toContain(`journals/${first.journalId}/index.html`);
    expect(pages).toContain(`journals/${third.journalId}/config/index.html`);
    expect(pages).toContain(`journals/${third.journalId}/plan/index.html`);
    expect(pages).not.toContain(`journals/${first.journalId}/config/index.html`);
    for (const page of pages) {
      const text = fs.readFileSync(path.join(out, page), "utf8");
      for (const [, url] of text.matchAll(/(?:href|src)="([^"#]+)[^"]*"/g)) {
        // The glossary cites the upstream documentation; nothing else leaves the site.
        if (page === "glossary/index.html" && url?.startsWith("https://")) continue;
        expect(url, `absolute link in ${page}`).not.toMatch(/^\/|^[a-z]+:/);
        expect(
          fs.existsSync(path.resolve(out, path.dirname(page), url ?? "")),
          `${page} → ${url}`,
        ).toBe(true);
      }
    }
  });

  it("renders again only the journals that changed", () => {
    publishSite({ reader: store, outDir: out });
    const account = (id: string) => path.join(out, "journals", id, "index.html");
    fs.writeFileSync(account(first.journalId), "untouched marker");
    const again = publishSite({ reader: store, outDir: out });
    expect(again.journalsRendered).toBe(0);
    expect(again.journalsSkipped).toBe(3);
    expect(again.skipped).toBeGreaterThan(0);

    store.append({
      journalId: second.journalId,
      time: Date.UTC(2026, 5, 2),
      actor: "carol@deploy-2",
      terminal: null,
      phase: null,
      payload: { kind: "note", noteKind: "lesson", text: "appended after the first publish" },
    });
    const third = publishSite({ reader: store, outDir: out });
    expect(third.journalsRendered).toBe(1);
    const lessons = fs.readFileSync(path.join(out, "lessons", "index.html"), "utf8");
    expect(lessons).toContain("appended after the first publish");
    expect(lessons).toContain(`${first.journalId}/index.html#e-${first.problem.id}`);
    expect(fs.readFileSync(account(first.journalId), "utf8")).toBe("untouched marker");
    expect(fs.readFileSync(account(second.journalId), "utf8")).toContain(
      "appended after the first publish",
    );
  });

  it("shows a later amend and fix on the events they point at, on an incremental publish", () => {
    publishSite({ reader: store, outDir: out });
    const later = (payload: Parameters<JournalStore["append"]>[0]["payload"]) =>
      store.append({
        journalId: first.journalId,
        time: Date.UTC(2026, 2, 4),
        actor: "bob@deploy-1",
        terminal: null,
        phase: null,
        payload,
      });
    later({ kind: "amend", target: first.failed.id, text: "the exit status came from a timeout" });
    const fix = later({
      kind: "note",
      noteKind: "fix",
      text: "second fix",
      fixes: first.problem.id,
    });
    publishSite({ reader: store, outDir: out });
    const body = fs.readFileSync(path.join(out, "journals", first.journalId, "index.html"), "utf8");
    const eventHtml = (id: string) => {
      const at = body.indexOf(`id="e-${id}"`);
      return body.slice(at, body.indexOf('<li class="event', at));
    };
    expect(eventHtml(first.failed.id)).toContain("the exit status came from a timeout");
    expect(eventHtml(first.problem.id)).toContain(`fixed by #${fix.seq}`);
    expect(eventHtml(first.problem.id)).toContain(`fixed by #${first.fix.seq}`);
    const fresh = fs.mkdtempSync(path.join(tmp, "fresh-"));
    publishSite({ reader: store, outDir: fresh });
    expect(
      fs.readFileSync(path.join(fresh, "journals", first.journalId, "index.html"), "utf8"),
    ).toBe(body);
  });

  it("renders everything again when the manifest comes from another renderer version", () => {
    publishSite({ reader: store, outDir: out });
    const file = path.join(out, ".stacklog-publish.json");
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    fs.writeFileSync(file, JSON.stringify({ ...manifest, renderer: manifest.renderer - 1 }));
    expect(publishSite({ reader: store, outDir: out }).journalsRendered).toBe(3);
  });

  it("renders a journal again when its metadata changes without new events", () => {
    publishSite({ reader: store, outDir: out });
    store.updateJournal(first.journalId, { status: "rolled-back" });
    expect(publishSite({ reader: store, outDir: out }).journalsRendered).toBe(1);
  });

  it("reports progress up to the total", () => {
    const seen: [number, number][] = [];
    publishSite({ reader: store, outDir: out, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.at(-1)).toEqual([7, 7]);
    expect(seen.map(([d]) => d)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("writes nothing outside the output folder when a link inside leads out", () => {
    const elsewhere = path.join(tmp, "elsewhere");
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(out);
    fs.symlinkSync(elsewhere, path.join(out, "journals"));
    expect(() => publishSite({ reader: store, outDir: out })).toThrow(StacklogError);
    expect(listFiles(elsewhere)).toEqual([]);
    expect(listFiles(out)).toEqual(["journals"]);
  });

  it("refuses a planted secret, names the event and the label, and writes nothing", () => {
    const value = "s3cr3t-Galera-Pa55";
    const planted = store.append({
      journalId: first.journalId,
      time: Date.UTC(2026, 2, 3, 9),
      actor: "alice@deploy-1",
      terminal: null,
      phase: null,
      payload: { kind: "note", noteKind: "observation", text: `root password is ${value}` },
    });
    let err: unknown;
    try {
      publishSite({
        reader: store,
        outDir: out,
        secrets: [{ value, label: "kolla database_password" }],
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StacklogError);
    const message = (err as Error).message;
    expect(message).toContain(planted.id);
    expect(message).toContain("kolla database_password");
    expect(message).not.toContain(value);
    expect(listFiles(out)).toEqual([]);
  });

  it("finds a secret that only the HTML-escaped form of a page would carry", () => {
    const value = "p&ss<w0rd>";
    store.append({
      journalId: first.journalId,
      time: Date.UTC(2026, 2, 3, 9),
      actor: "alice@deploy-1",
      terminal: null,
      phase: null,
      payload: { kind: "note", noteKind: "observation", text: value },
    });
    expect(() =>
      publishSite({ reader: store, outDir: out, secrets: [{ value, label: "odd" }] }),
    ).toThrow(/odd/);
  });

  it("publishes snapshots and plan progress incrementally with the same bytes as a fresh publish", () => {
    publishSite({ reader: store, outDir: out });
    const later = (payload: Parameters<JournalStore["append"]>[0]["payload"]) =>
      store.append({
        journalId: third.journalId,
        time: Date.UTC(2026, 3, 7, 9),
        actor: "alice@deploy-1",
        terminal: null,
        phase: null,
        payload,
      });
    later({ kind: "step", step: third.steps.pending, state: "done", text: "by hand" });
    const configAfter = third.configAfter.payload;
    if (configAfter.kind !== "snapshot") throw new Error("seed changed");
    later({
      kind: "snapshot",
      scope: "config",
      label: "later",
      data: { ...(configAfter.data as object), release: "2023.2" },
    });
    const again = publishSite({ reader: store, outDir: out });
    expect(again.journalsRendered).toBe(1);
    const fresh = fs.mkdtempSync(path.join(tmp, "fresh-"));
    publishSite({ reader: store, outDir: fresh });
    const pages = listFiles(fresh).filter((f) => f.endsWith(".html") || f.endsWith(".js"));
    for (const f of pages)
      expect(fs.readFileSync(path.join(out, f), "utf8"), f).toBe(
        fs.readFileSync(path.join(fresh, f), "utf8"),
      );
    const config = fs.readFileSync(
      path.join(out, "journals", third.journalId, "config", "index.html"),
      "utf8",
    );
    expect(config).toContain("<dt>Release</dt><dd>2023.2</dd>");
    const account = fs.readFileSync(
      path.join(out, "journals", third.journalId, "index.html"),
      "utf8",
    );
    expect(account).toContain('<span class="reason">');
    expect(account).toMatch(
      new RegExp(`id="step-${third.steps.pending}">[\\s\\S]*?badge ok">done`),
    );
  });

  it("refuses a secret planted in snapshot data", () => {
    const value = "Pl4nted-in-globals-yml";
    const planted = seedSnapshots(store, { text: value, inPlan: false }, Date.UTC(2026, 4, 1));
    let err: unknown;
    try {
      publishSite({
        reader: store,
        outDir: out,
        secrets: [{ value, label: "kolla keystone_admin_password" }],
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(StacklogError);
    expect((err as Error).message).toContain("kolla keystone_admin_password");
    expect((err as Error).message).toContain(`event ${planted.configBefore.id}`);
    expect((err as Error).message).not.toContain(value);
    expect(listFiles(out)).toEqual([]);
  });
});
