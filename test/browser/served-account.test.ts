import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JournalStore, openStore } from "../../src/journal/index.js";
import { type RunningServer, startServer } from "../../src/server/index.js";
import { type Seeded, seedUpgrade } from "../fixtures/publish/seed.js";
import { type SeededSnapshots, seedSnapshots } from "../fixtures/publish/seed-snapshots.js";
import { launchChromium } from "./chromium.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const APPENDER = path.join(ROOT, "test/fixtures/publish/append-event.ts");

let home: string;
let store: JournalStore;
let seeded: Seeded;
let snapshots: SeededSnapshots;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-browser-"));
  store = openStore({ home });
  seeded = seedUpgrade(store);
  snapshots = seedSnapshots(store);
  server = await startServer({ reader: store, port: 0 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  store?.close();
  fs.rmSync(home, { recursive: true, force: true });
});

async function open(url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1500 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("dialog", (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(url);
  return { page, errors };
}

/** Runs the appender in another process; resolves when it has committed. */
function appendFromAnotherProcess(journalId: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", APPENDER, home, journalId, text], {
      cwd: ROOT,
    });
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.stdout.on("data", (d) => {
      if (String(d).startsWith("appended")) resolve();
    });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`appender failed (${code}): ${err}`)),
    );
  });
}

describe("an account page in the browser", () => {
  it("shows what changed and the plan versus actual, and is the docs screenshot", async () => {
    const { page, errors } = await open(`${server.url}journals/${snapshots.journalId}/`);
    const changed = page.locator("#what-changed");
    expect(await changed.locator("h3").allTextContents()).toEqual([
      "Configuration",
      "Cloud APIs and services",
    ]);
    expect(
      await changed.locator("tr.change-changed", { hasText: "release" }).first().textContent(),
    ).toMatch(/zed\s*→\s*2023\.1/);
    const skipped = page.locator(`[id="step-${snapshots.steps.skipped}"]`);
    expect(await skipped.locator(".step-state").textContent()).toContain("skipped");
    const why = skipped.locator("p.why");
    expect(await why.isVisible()).toBe(false);
    await skipped.locator("summary").click();
    expect(await why.isVisible()).toBe(true);
    await skipped.locator("summary").click();
    await page.locator('a[href="config/index.html"]').first().click();
    await page.waitForURL(/\/config\/(index\.html)?$/);
    expect(await page.locator("h1").textContent()).toBe("Configuration reference");
    await page.goBack();
    await page.evaluate("window.scrollTo(0, 0)");
    // The README's screenshot is refreshed on request only, so a test run leaves the tree as it was:
    // STACKLOG_SCREENSHOT=1 npx vitest run test/browser/served-account.test.ts
    const shot = await page.screenshot({ fullPage: true });
    expect(shot.length).toBeGreaterThan(10_000);
    if (process.env.STACKLOG_SCREENSHOT === "1") {
      fs.mkdirSync(path.join(ROOT, "docs"), { recursive: true });
      fs.writeFileSync(path.join(ROOT, "docs/account.png"), shot);
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the account, expands an output and loads the whole output in place", async () => {
    const { page, errors } = await open(`${server.url}journals/${seeded.journalId}/`);
    expect(await page.locator("h1").textContent()).toContain("Yoga → Zed upgrade");
    expect(await page.locator("section.phase h2").allTextContents()).toEqual([
      "pre-checks",
      "control plane",
    ]);

    const failed = page.locator(`#e-${seeded.failed.id}`);
    const pre = failed.locator("details.output pre.term");
    expect(await pre.isVisible()).toBe(false);
    await failed.locator("details.output summary").click();
    expect(await pre.isVisible()).toBe(true);
    expect(await pre.textContent()).toContain("galera did not start");

    const long = page.locator(`#e-${seeded.longOutput.id}`);
    await long.locator("details.output summary").click();
    expect((await long.locator("pre.term").textContent())?.includes("x".repeat(9000))).toBe(false);
    await long.locator("a.full-output").click();
    // A locator, not waitForFunction: polling a string page function is eval, which the CSP blocks.
    await long.locator("pre.term", { hasText: "x".repeat(9000) }).waitFor();
    expect(
      await page.locator(`#e-${seeded.longOutput.id} time`).first().getAttribute("title"),
    ).toMatch(/local/);

    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows an event appended by another process within a second, as text", async () => {
    const j = store.createJournal({ title: "Live compute upgrade", tool: "kolla-ansible" });
    store.append({
      journalId: j.id,
      time: Date.now(),
      actor: "bob@deploy",
      terminal: null,
      phase: "compute",
      payload: { kind: "phase", action: "begin", name: "compute" },
    });
    const { page, errors } = await open(`${server.url}journals/${j.id}/`);
    expect(await page.locator("#live-badge").textContent()).toBe("live");
    await page.locator("main[data-live-state=connected]").waitFor();
    const text = 'nova-compute on cn7 <b>restarted</b><img src=x onerror="window.__xss=1">';
    await appendFromAnotherProcess(j.id, text);
    await page.getByText(text).waitFor({ timeout: 1000 });
    expect(await page.evaluate("window.__xss")).toBeUndefined();
    expect(await page.locator("section.phase[data-phase=compute] li.event").count()).toBe(2);
    expect(errors).toEqual([]);
    await page.close();
  });
});
