import { readFileSync } from "node:fs";

function readVersion(): string {
  try {
    const url = new URL("../../package.json", import.meta.url);
    return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
  } catch {
    return "0.0.0";
  }
}

/** stacklog's version, from package.json (works from src/ under tsx and from dist/). */
export const VERSION = readVersion();

/** Versions to quote in a bug report. */
export function versions(): string {
  return `stacklog ${VERSION}, node ${process.version}, ${process.platform}-${process.arch}`;
}
