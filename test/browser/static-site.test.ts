import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JournalStore, openStore } from "../../src/journal/index.js";
import { publishSite } from "../../src/publish/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { type Seeded, seedUpgrade, seedXss } from "../fixtures/publish/seed.js";
import { seedSnapshots } from "../fixtures/publish/seed-snapshots.js";
import { XSS } from "../fixtures/publish/xss.js";
import { launchChromium } from "./chromium.js";

let tmp: string;
let site: string;
let store: JournalStore;
let seeded: Seeded;
let xssJournal: string;
let xssSnapshots: string;
let browser: Browser;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-static-"));
  site = path.join(tmp, "site");
  store = openStore({ home: path.join(tmp, "home") });
  seeded = seedUpgrade(store);
  xssJournal = seedXss(store);
  xssSnapshots = seedSnapshots(store, { text: XSS.slice(0, 6).join(" ") }).journalId;
  publishSite({ reader: store, outDir: site });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  store?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  problems: string[];
}

/** A page that records script errors and dialogs, and whether any XSS payload set its flag. */
async function watched(): Promise<Watched> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`error: ${e.message}`));
  page.on("dialog", (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

async function fired(page: Page): Promise<unknown> {
  return page.evaluate("window.__xss");
}

// Page functions are strings: this project's TypeScript has no DOM types.
const OPEN_ALL_DETAILS = 'document.querySelectorAll("details").forEach((d) => { d.open = true; })';

const fileUrl = (rel: string) => pathToFileURL(path.join(site, rel)).href;

describe("the published site from file://", () => {
  it("finds a command with the search page and lands on its permalink", async () => {
    const { page, problems } = await watched();
    await page.goto(fileUrl("search/index.html"));
    await page.locator("#q").fill("overcloud service upgrade");
    const hit = page.locator("#results a", { hasText: /^kayobe overcloud service upgrade$/ });
    await hit.first().click();
    await page.waitForURL((u) => u.hash === `#e-${seeded.failed.id}`);
    expect(page.url()).toContain(`journals/${seeded.journalId}/index.html`);
    expect(await page.locator(":target").getAttribute("data-seq")).toBe(String(seeded.failed.seq));
    expect(problems).toEqual([]);
    await page.close();
  });

  it("sorts and filters the journeys index", async () => {
    const { page, problems } = await watched();
    await page.goto(fileUrl("index.html"));
    await page.locator("input[data-filter]").fill("Yoga");
    expect(await page.locator("#journeys tbody tr:not([hidden])").count()).toBe(1);
    await page.locator("input[data-filter]").fill("");
    await page.locator("th[data-key=commands] button").click();
    expect(await page.locator("th[data-key=commands]").getAttribute("aria-sort")).toBe("ascending");
    expect(problems).toEqual([]);
    await page.close();
  });

  it("runs none of the hostile payloads on any page, opened, expanded and searched", async () => {
    const outputs = fs
      .readdirSync(path.join(site, "journals", xssJournal, "output"))
      .map((f) => `journals/${xssJournal}/output/${f}`);
    const pages = [
      "index.html",
      "lessons/index.html",
      "glossary/index.html",
      `journals/${xssJournal}/index.html`,
      `journals/${xssSnapshots}/index.html`,
      `journals/${xssSnapshots}/config/index.html`,
      `journals/${xssSnapshots}/plan/index.html`,
      ...outputs,
    ];
    for (const rel of pages) {
      const { page, problems } = await watched();
      await page.goto(fileUrl(rel));
      await page.evaluate(OPEN_ALL_DETAILS);
      expect(await fired(page), rel).toBeUndefined();
      expect(problems, rel).toEqual([]);
      await page.close();
    }
    for (const q of XSS.slice(0, 4)) {
      const { page, problems } = await watched();
      await page.goto(`${fileUrl("search/index.html")}?q=${encodeURIComponent(q)}`);
      await page.locator("#q").fill("window xss alert script");
      expect(await fired(page)).toBeUndefined();
      expect(problems).toEqual([]);
      await page.close();
    }
  });
});

describe("the served site", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ reader: store, port: 0 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("runs none of the hostile payloads, live", async () => {
    for (const rel of ["", "lessons/", `journals/${xssJournal}/`]) {
      const { page, problems } = await watched();
      await page.goto(`${server.url}${rel}`);
      await page.evaluate(OPEN_ALL_DETAILS);
      expect(await fired(page), rel).toBeUndefined();
      expect(problems, rel).toEqual([]);
      await page.close();
    }
  });
});
