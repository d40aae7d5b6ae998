import { parseOsloIni } from "./ini.js";
import { type ReadContext, skip } from "./read-context.js";
import { listDir, readText, rel } from "./safe-fs.js";
import type { ConfigOverride } from "./types.js";

const INI_FILE = /\.(conf|ini)$/i;

/**
 * Reads a kolla `node_custom_config` tree: `<file>.conf` for every service,
 * `<service>/<file>` for one service, `<service>/<host>/<file>` for one host of it (a
 * subfolder counts as a host when the inventory knows that host). INI files become overrides;
 * every other file is still read into `files`.
 */
export function readConfigOverrides(
  ctx: ReadContext,
  dir: string,
  hosts: Set<string>,
): ConfigOverride[] {
  const out: ConfigOverride[] = [];
  for (const entry of listDir(ctx, dir)) {
    if (entry.kind === "file") addFile(ctx, out, entry.abs, serviceOfFile(entry.name), null);
    else walkService(ctx, out, entry.abs, entry.name, hosts, 0);
  }
  return out;
}

function serviceOfFile(name: string): string {
  return name.replace(/\.[^.]+$/, "");
}

function walkService(
  ctx: ReadContext,
  out: ConfigOverride[],
  dir: string,
  service: string,
  hosts: Set<string>,
  depth: number,
  host: string | null = null,
): void {
  if (depth > 16) {
    skip(ctx, rel(ctx, dir), "folder nested too deeply");
    return;
  }
  for (const entry of listDir(ctx, dir)) {
    if (entry.kind === "file") addFile(ctx, out, entry.abs, service, host);
    else {
      const isHost = host === null && depth === 0 && hosts.has(entry.name);
      walkService(ctx, out, entry.abs, service, hosts, depth + 1, isHost ? entry.name : host);
    }
  }
}

function addFile(
  ctx: ReadContext,
  out: ConfigOverride[],
  abs: string,
  service: string,
  host: string | null,
): void {
  const text = readText(ctx, abs);
  if (text === null || !INI_FILE.test(abs)) return;
  const file = rel(ctx, abs);
  const ini = parseOsloIni(text);
  for (const section of ini.duplicateSections) {
    skip(ctx, file, `duplicate section [${section}]: its keys were merged into one section`);
  }
  if (ini.badLines.length > 0) {
    skip(
      ctx,
      file,
      `lines not understood as INI and left out: ${ini.badLines.slice(0, 10).join(", ")}`,
    );
  }
  out.push({ service, host, file, sections: ini.sections });
}
