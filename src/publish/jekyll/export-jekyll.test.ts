import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seedUpgradeJournal } from "../../../test/fixtures/jekyll/upgrade-journal.js";
import { type JournalStore, openStore } from "../../journal/index.js";
import { exportJekyll } from "./index.js";

let tmp: string;
let store: JournalStore;
let out: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-jekyll-"));
  store = openStore({ home: path.join(tmp, "home") });
  out = path.join(tmp, "site");
});

afterEach(() => {
  store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const read = (rel: string) => fs.readFileSync(path.join(out, rel), "utf8");

const SECRET = { value: "S3cr3t.Pa55-word", label: "kolla passwords.yml: database_password" };

function catchError(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error("expected an error");
}

describe("exportJekyll", () => {
  it("writes the account page, the progress post and the stylesheet, and returns their paths", () => {
    seedUpgradeJournal(store, { title: "Kolla upgrade 2024.1 to 2025.1" });
    const { files } = exportJekyll({ reader: store, outDir: out });
    expect(files).toEqual([
      "_pages/stacklog/kolla-upgrade-2024-1-to-2025-1.md",
      "collections/_blogpost/2026-03-02-kolla-upgrade-2024-1-to-2025-1.md",
      "assets/stacklog/stacklog.css",
    ]);
    const page = read(files[0] as string);
    expect(page).toMatch(
      /^---\nlayout: "single"\ntitle: "Kolla upgrade 2024.1 to 2025.1"\npermalink: "\/stacklog\/kolla-upgrade-2024-1-to-2025-1\/"\n/,
    );
    expect(page).toContain("- **How long:** 2 h 00 min");
    expect(page).toContain("- **Downtime:** API downtime 29 min 00 s");
    const post = read(files[1] as string);
    expect(post).toContain(
      'layout: "blog"\npermalink: "/blogpost/2026-03-02-kolla-upgrade-2024-1-to-2025-1/"',
    );
    expect(post).toContain('category: "Update"');
    expect(post).toContain('author: "alice@deploy1, bob"');
    expect(post).toContain('date: "2026-03-02"');
    expect(post).toContain(
      "[Read the full account]({{ '/stacklog/kolla-upgrade-2024-1-to-2025-1/' | relative_url }})",
    );
  });

  it("links each problem to its fix and back, to anchors that exist on the page", () => {
    const { byName } = seedUpgradeJournal(store);
    const [pagePath] = exportJekyll({ reader: store, outDir: out }).files;
    const page = read(pagePath as string);
    const problem = byName.problem?.seq;
    const fix = byName.fix?.seq;
    expect(page).toContain(`[fix \\#${fix}](#event-${fix})`);
    expect(page).toContain(`Fixes [problem \\#${problem}](#event-${problem})`);
    expect(page).toContain(`<a id="event-${problem}"></a>**#${problem} · 09:26:00 · Problem`);
    expect(page).toContain(`<a id="event-${fix}"></a>**#${fix} · 09:40:00 · Fix`);
    for (const [, anchor] of page.matchAll(/\]\(#([a-z0-9-]+)\)/g)) {
      expect(page).toContain(`<a id="${anchor}"></a>`);
    }
  });

  it("shows commands with their status and the tail of long output, saying how much was left out", () => {
    const long = Array.from({ length: 400 }, (_, i) => `ok: [compute${i}]\r\n`);
    seedUpgradeJournal(store, { extraOutput: long });
    const [pagePath] = exportJekyll({ reader: store, outDir: out, outputTailBytes: 200 }).files;
    const page = read(pagePath as string);
    expect(page).toContain(
      'exit 2, took 3 min 00 s <span class="stacklog-badge stacklog-failed">failed</span>',
    );
    expect(page).toMatch(/Last 1\d\d bytes of \d+\.\d KiB of output:/);
    expect(page).toContain("ok: [compute399]\n```");
    expect(page).not.toContain("ok: [compute1]\n");
    expect(page).not.toContain("\u001b[");
  });

  it("refuses, writing nothing, when a secret appears in output even split by colour codes", () => {
    const { byName } = seedUpgradeJournal(store, {
      extraOutput: ["db: S3cr3t.\u001b[1mPa55-word\u001b[0m\r\n"],
    });
    const err = catchError(() => exportJekyll({ reader: store, outDir: out, secrets: [SECRET] }));
    expect(err.name).toBe("SecretInOutput");
    expect(err.message).toContain(`event #${byName.upgrade?.seq} (command)`);
    expect(err.message).toContain(SECRET.label);
    expect(err.message).not.toContain(SECRET.value);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses a secret that Markdown escaping would hide in the file but not on the page", () => {
    const { byName } = seedUpgradeJournal(store, { note: "the password S3cr3t.Pa55-word leaked" });
    const err = catchError(() => exportJekyll({ reader: store, outDir: out, secrets: [SECRET] }));
    expect(err.message).toContain(`event #${byName.problem?.seq} (note)`);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("refuses a secret in the journal title, naming the journal", () => {
    const { journal } = seedUpgradeJournal(store, { title: "Upgrade S3cr3t.Pa55-word" });
    const err = catchError(() => exportJekyll({ reader: store, outDir: out, secrets: [SECRET] }));
    expect(err.message).toContain(`journal ${journal.id}`);
  });

  it("refuses to write through a symbolic link leading outside the output folder", () => {
    seedUpgradeJournal(store);
    const elsewhere = path.join(tmp, "elsewhere");
    fs.mkdirSync(elsewhere);
    fs.mkdirSync(out);
    fs.symlinkSync(elsewhere, path.join(out, "_pages"));
    const err = catchError(() => exportJekyll({ reader: store, outDir: out }));
    expect(err.name).toBe("UnsafeOutputPath");
    expect(fs.readdirSync(elsewhere)).toEqual([]);
    expect(fs.readdirSync(out)).toEqual(["_pages"]);
  });

  it("rejects a permalink base that is not a URL folder", () => {
    seedUpgradeJournal(store);
    for (const base of ["stacklog/", "/../x/", "/a b/", "/{{x}}/"]) {
      expect(
        catchError(() => exportJekyll({ reader: store, outDir: out, permalinkBase: base })).name,
      ).toBe("BadValue");
    }
  });

  it("uses the permalink base for the account page and the post's link", () => {
    seedUpgradeJournal(store, { title: "Upgrade" });
    const { files } = exportJekyll({
      reader: store,
      outDir: out,
      permalinkBase: "/wp2/openstack/",
    });
    expect(read(files[0] as string)).toContain('permalink: "/wp2/openstack/upgrade/"');
    expect(read(files[1] as string)).toContain("{{ '/wp2/openstack/upgrade/' | relative_url }}");
  });

  it("exports only the named journals, giving journals with equal titles distinct slugs", () => {
    const a = seedUpgradeJournal(store, { title: "Upgrade" }).journal;
    const b = seedUpgradeJournal(store, { title: "Upgrade" }).journal;
    seedUpgradeJournal(store, { title: "Other" });
    const { files } = exportJekyll({ reader: store, outDir: out, journals: [a.id, b.id] });
    const pages = files.filter((f) => f.startsWith("_pages/"));
    expect(pages).toHaveLength(2);
    expect(new Set(pages).size).toBe(2);
    expect(files.some((f) => f.includes("other"))).toBe(false);
  });
});
