import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Journal, JournalStore } from "../journal/index.js";

/** The example journals shipped with stacklog (exports of real lab runs). */
export const EXAMPLES_DIR = fileURLToPath(new URL("../../examples/", import.meta.url));

/**
 * On the first start of an empty store, imports the shipped examples so that a newcomer's
 * first sight is a real account. Returns what was imported; a store with journals is left alone.
 */
export function importExamplesIfEmpty(store: JournalStore, dir = EXAMPLES_DIR): Journal[] {
  if (store.listJournals().length > 0 || !existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort();
  return files.map((f) =>
    store.importJournal(JSON.parse(readFileSync(path.join(dir, f), "utf8")), {
      source: path.join(dir, f),
    }),
  );
}
