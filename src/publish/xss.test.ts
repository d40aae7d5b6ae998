import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedXss } from "../../test/fixtures/publish/seed.js";
import { seedSnapshots } from "../../test/fixtures/publish/seed-snapshots.js";
import { EXECUTABLE, XSS } from "../../test/fixtures/publish/xss.js";
import { type JournalStore, openStore } from "../journal/index.js";
import { publishSite, renderRoute } from "./index.js";

let home: string;
let store: JournalStore;
let journalId: string;
let snapshotsId: string;

beforeEach(() => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-xss-"));
  store = openStore({ home });
  journalId = seedXss(store);
  // Hostile text in real config trees (a variable, an override value, the files' text) and in the plan.
  snapshotsId = seedSnapshots(store, { text: XSS.slice(0, 6).join(" ") }).journalId;
});

afterEach(() => {
  store.close();
  fs.rmSync(home, { recursive: true, force: true });
});

function routes(): string[] {
  const outputs = store
    .events(journalId, { kinds: ["command"] })
    .map((e) => (e.payload.kind === "command" ? e.payload.outputId : null))
    .filter((id): id is string => id !== null);
  return [
    "/",
    "/lessons/",
    "/search/",
    "/glossary/",
    `/journals/${journalId}/`,
    `/assets/search/${journalId}.js`,
    `/journals/${snapshotsId}/`,
    `/journals/${snapshotsId}/config/`,
    `/journals/${snapshotsId}/plan/`,
    ...outputs.flatMap((o) => [
      `/journals/${journalId}/output/${o}.html`,
      `/journals/${journalId}/output/${o}.txt`,
    ]),
  ];
}

describe("pages built from hostile text", () => {
  it("never contain executable markup, served live or published", () => {
    for (const live of [false, true]) {
      for (const p of routes()) {
        const r = renderRoute({ reader: store, live }, p);
        if (!r) {
          expect(p.endsWith(".txt") && !live, `missing page ${p}`).toBe(true);
          continue;
        }
        if (r.contentType.startsWith("text/plain")) continue;
        for (const pattern of EXECUTABLE)
          expect(r.body, `${p} matched ${pattern}`).not.toMatch(pattern);
      }
    }
  });

  it("keep every link inside the site", () => {
    for (const id of [journalId, snapshotsId]) {
      const body = renderRoute({ reader: store }, `/journals/${id}/`)?.body ?? "";
      const hrefs = [...body.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? "");
      expect(hrefs.length).toBeGreaterThan(10);
      for (const h of hrefs) expect(h).toMatch(/^(#e-|\.\.\/|output\/|config\/|plan\/|#)/);
    }
  });

  it("show the planted text as text in the snapshot, configuration and plan pages", () => {
    const config = renderRoute({ reader: store }, `/journals/${snapshotsId}/config/`)?.body ?? "";
    expect(config).toContain(
      "<tr><td><code>site_banner</code></td><td>&lt;script&gt;window.__xss=1",
    );
    expect(config).toContain("topics = &lt;script&gt;window.__xss=1");
    const plan = renderRoute({ reader: store }, `/journals/${snapshotsId}/plan/`)?.body ?? "";
    expect(plan).toContain('<p class="why">&lt;script&gt;window.__xss=1');
  });

  it("are published as files without executable markup", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-xss-site-"));
    try {
      publishSite({ reader: store, outDir: out });
      const files = fs
        .readdirSync(out, { recursive: true, encoding: "utf8" })
        .filter((f) => f.endsWith(".html"));
      expect(files).toContain(`journals/${snapshotsId}/config/index.html`);
      expect(files).toContain(`journals/${snapshotsId}/plan/index.html`);
      for (const f of files) {
        const text = fs.readFileSync(path.join(out, f), "utf8");
        for (const pattern of EXECUTABLE)
          expect(text, `${f} matched ${pattern}`).not.toMatch(pattern);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
