import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Journal } from "../journal/index.js";
import type { JournalFacts } from "./facts.js";

/** Bump when pages change shape, so that every journal is rendered again. */
export const RENDERER_VERSION = 2;

export const MANIFEST_FILE = ".stacklog-publish.json";

export interface ManifestEntry {
  /** lastSeq plus a hash of the journal's metadata: it changes when anything shown changes. */
  key: string;
  lastSeq: number;
  outputs: number;
  /** Configuration and plan pages written besides the account. */
  pages: number;
  facts: JournalFacts;
}

export interface Manifest {
  renderer: number;
  journals: Record<string, ManifestEntry>;
}

/** The change key of a journal at `lastSeq`. */
export function journalKey(journal: Journal, lastSeq: number): string {
  const meta = createHash("sha256").update(JSON.stringify(journal)).digest("hex").slice(0, 16);
  return `${lastSeq}:${meta}`;
}

/** Reads the manifest of an earlier publish; an unreadable or older one counts as none. */
export function readManifest(outDir: string): Manifest {
  const empty: Manifest = { renderer: RENDERER_VERSION, journals: {} };
  try {
    const m = JSON.parse(fs.readFileSync(path.join(outDir, MANIFEST_FILE), "utf8")) as Manifest;
    return m.renderer === RENDERER_VERSION && typeof m.journals === "object" ? m : empty;
  } catch {
    return empty;
  }
}

/** The manifest's text. */
export function manifestText(m: Manifest): string {
  return `${JSON.stringify(m, null, 1)}\n`;
}
