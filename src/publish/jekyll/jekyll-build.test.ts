import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  PULL_OUTPUT,
  seedUpgradeJournal,
  UPGRADE_OUTPUT,
} from "../../../test/fixtures/jekyll/upgrade-journal.js";
import { type JournalStore, openStore } from "../../journal/index.js";
import { exportJekyll } from "./index.js";
import { plainTerminalText } from "./terminal-text.js";

// Mimics SHAREing-DRI.github.io: collections_dir, a blogpost collection, _pages, strict Liquid.
const FIXTURE_SITE = path.resolve(import.meta.dirname, "../../../test/fixtures/jekyll/site");
const SECRET = { value: "S3cr3t.Pa55-word", label: "kolla passwords.yml: database_password" };

let tmp: string;
let site: string;
let store: JournalStore;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "stacklog-jekyll-build-"));
  site = path.join(tmp, "site");
  fs.cpSync(FIXTURE_SITE, site, { recursive: true });
  store = openStore({ home: path.join(tmp, "home") });
});

afterEach(() => {
  store.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function jekyllBuild(source: string): { status: number | null; log: string } {
  const run = spawnSync(
    "jekyll",
    ["build", "--source", source, "--destination", path.join(source, "_site")],
    {
      cwd: source,
      env: { ...process.env, JEKYLL_ENV: "production" },
      encoding: "utf8",
    },
  );
  if ((run.error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
    throw new Error("Debian's jekyll is needed for this test: apt-get install jekyll");
  }
  return { status: run.status, log: `${run.stdout}\n${run.stderr}` };
}

/** The text a browser would show: tags dropped, entities decoded. */
function visibleText(html: string): string {
  const named: Record<string, string> = {
    lt: "<",
    gt: ">",
    amp: "&",
    quot: '"',
    apos: "'",
    nbsp: " ",
  };
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e.startsWith("#x") || e.startsWith("#X")
        ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
        : e.startsWith("#")
          ? String.fromCodePoint(Number(e.slice(1)))
          : (named[e.toLowerCase()] ?? m),
    );
}

function allFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name));
}

describe("the Jekyll export built by Debian's jekyll", () => {
  it("builds under strict Liquid and shows commands, Jinja and raw tags in output verbatim", () => {
    const { byName } = seedUpgradeJournal(store);
    const { files } = exportJekyll({ reader: store, outDir: site });
    const build = jekyllBuild(site);
    expect(build.status, build.log).toBe(0);

    const pageHtml = fs.readFileSync(
      path.join(
        site,
        "_site/stacklog/kolla-ansible-upgrade-of-the-site-name-cloud-2024-1-2025-1/index.html",
      ),
      "utf8",
    );
    const page = visibleText(pageHtml);
    expect(page).toContain("kolla-ansible -i multinode pull -e '{{ kolla_install_type }}'");
    for (const chunk of [...PULL_OUTPUT, ...UPGRADE_OUTPUT]) {
      for (const line of plainTerminalText(chunk)
        .split("\n")
        .filter((l) => l !== ""))
        expect(page).toContain(line);
    }
    expect(page).toContain("{% if enable_cinder | bool %}yes{% endif %}");
    expect(page).toContain("{% raw %}{{ not_rendered }}{% endraw %} and a stray {%- endraw -%}");
    expect(page).toContain("{# a Jinja comment #}");
    expect(page).toContain("Kolla-Ansible upgrade of the {{ site_name }} cloud <2024.1 → 2025.1>");
    expect(page).toContain("wsrep_cluster_size = 2 *not* 3.");
    expect(pageHtml).toContain(`<a id="event-${byName.fix?.seq}"></a>`);
    expect(pageHtml).toContain(`<a href="#event-${byName.fix?.seq}">fix #${byName.fix?.seq}</a>`);

    const postPath = files.find((f) => f.startsWith("collections/_blogpost/")) as string;
    const postUrl = `/blogpost/${path.basename(postPath, ".md")}/`;
    const postHtml = fs.readFileSync(path.join(site, "_site", postUrl, "index.html"), "utf8");
    expect(postHtml).toContain('<div class="blog-category">Update</div>');
    expect(postHtml).toContain("March 2026");
    const hrefs = [...`${postHtml}${pageHtml}`.matchAll(/(?:href)="(\/[^"#]*)"/g)].map(
      (m) => m[1] as string,
    );
    expect(hrefs).toContain(
      "/stacklog/kolla-ansible-upgrade-of-the-site-name-cloud-2024-1-2025-1/",
    );
    expect(hrefs).toContain("/assets/stacklog/stacklog.css");
    for (const href of hrefs) {
      const target = path.join(site, "_site", href.endsWith("/") ? `${href}index.html` : href);
      expect(fs.existsSync(target), href).toBe(true);
    }
  });

  it("never lets a planted secret reach the site: the leaking journal is refused, the clean one builds", () => {
    const clean = seedUpgradeJournal(store, { title: "Clean upgrade" }).journal;
    seedUpgradeJournal(store, {
      title: "Leaky upgrade",
      extraOutput: ["password: S3cr3t.\u001b[1mPa55-word\r\n"],
    });
    const before = allFiles(site).sort();

    expect(() => exportJekyll({ reader: store, outDir: site, secrets: [SECRET] })).toThrow(
      /event #7 \(command\)/,
    );
    expect(allFiles(site).sort()).toEqual(before);

    exportJekyll({ reader: store, outDir: site, secrets: [SECRET], journals: [clean.id] });
    const build = jekyllBuild(site);
    expect(build.status, build.log).toBe(0);
    expect(fs.existsSync(path.join(site, "_site/stacklog/clean-upgrade/index.html"))).toBe(true);
    for (const file of allFiles(site)) {
      const text = fs.readFileSync(file, "utf8");
      expect(text.includes(SECRET.value) || visibleText(text).includes(SECRET.value), file).toBe(
        false,
      );
    }
  });
});
