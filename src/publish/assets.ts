import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { SITE_JS } from "./client-js.js";
import type { Rendered } from "./layout.js";
import { SEARCH_JS } from "./search-js.js";
import { SITE_CSS } from "./style-css.js";

let minisearch: string | undefined;

/** MiniSearch's browser (UMD) bundle, as installed in node_modules. */
function minisearchBundle(): string {
  if (minisearch === undefined) {
    const entry = createRequire(import.meta.url).resolve("minisearch");
    minisearch = readFileSync(path.join(path.dirname(entry), "..", "umd", "index.js"), "utf8");
  }
  return minisearch;
}

const JS = "text/javascript; charset=utf-8";

/** The fixed assets by path relative to the site root. */
export const ASSETS: Record<string, () => Rendered> = {
  "assets/site.css": () => ({ contentType: "text/css; charset=utf-8", body: SITE_CSS }),
  "assets/site.js": () => ({ contentType: JS, body: SITE_JS }),
  "assets/search.js": () => ({ contentType: JS, body: SEARCH_JS }),
  "assets/minisearch.js": () => ({ contentType: JS, body: minisearchBundle() }),
};
