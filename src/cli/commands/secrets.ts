import { existsSync } from "node:fs";
import path from "node:path";
import { fail } from "../../errors/index.js";
import { loadSecretSource } from "../../redact/index.js";
import { secretWord } from "../../redact/secret-names.js";
import type { Ctx } from "../context.js";
import type { Args } from "../spec.js";
import { readState, updateState } from "../state.js";
import { count } from "./describe.js";
import { oneLine } from "./format.js";

export interface SourceInfo {
  path: string;
  kind: string;
  readable: boolean;
  values: number;
}

function info(p: string, kind?: string): SourceInfo {
  const r = loadSecretSource(p, kind as never);
  return r.ok
    ? { path: p, kind: r.kind, readable: true, values: r.secrets.length }
    : { path: p, kind: kind ?? "unknown", readable: existsSync(p), values: 0 };
}

function add(files: string[], ctx: Ctx): SourceInfo[] {
  if (files.length === 0)
    throw fail(
      "MissingArgument",
      "one or more files",
      "stacklog secrets add /etc/kolla/passwords.yml",
    );
  const state = readState(ctx.home);
  const added: SourceInfo[] = [];
  for (const f of files) {
    const full = path.resolve(ctx.cwd, f);
    const r = loadSecretSource(full);
    if (!r.ok) throw r.error;
    const rest = state.secretSources.filter((s) => s.path !== full);
    state.secretSources = [...rest, { path: full, kind: r.kind, addedAt: ctx.now() }];
    added.push({ path: full, kind: r.kind, readable: true, values: r.secrets.length });
    if (r.secrets.length === 0)
      ctx.warn(
        `${full} holds no value to hide (values under 6 characters, booleans and null are not hidden by value); registered anyway — check it is the file you meant`,
      );
    else if (r.kind === "yaml-file" && !r.secrets.some((s) => secretWord(lastKey(s.label))))
      // globals.yml registered by mistake would hide series names, addresses and images
      ctx.warn(
        `no key of ${full} names a secret (password, secret, token, key…), yet all ${r.secrets.length} of its values will be hidden; \`stacklog secrets remove ${full}\` if it is not a secrets file`,
      );
  }
  if (!updateState(ctx.home, { secretSources: state.secretSources })) {
    throw fail("StoreUnwritable", ctx.home, "could not write state.json");
  }
  return added;
}

/** What `secrets remove` did: the sources no longer used, and those still registered. */
export interface Removed {
  removed: { path: string; kind: string }[];
  remaining: string[];
}

/**
 * Unregisters sources, named as `secrets list` shows them or relative to the current folder;
 * the files themselves need not exist any more. Every name must be registered, or none is removed.
 */
function remove(files: string[], ctx: Ctx): Removed {
  if (files.length === 0)
    throw fail(
      "MissingArgument",
      "one or more files",
      "stacklog secrets remove /etc/kolla/passwords.yml",
    );
  const sources = readState(ctx.home).secretSources;
  const gone = new Set<string>();
  for (const f of files) {
    const match = sources.find((s) => s.path === f || s.path === path.resolve(ctx.cwd, f));
    if (!match)
      throw fail(
        "SecretSourceNotRegistered",
        f,
        sources.map((s) => s.path),
      );
    gone.add(match.path);
  }
  const kept = sources.filter((s) => !gone.has(s.path));
  if (!updateState(ctx.home, { secretSources: kept })) {
    throw fail("StoreUnwritable", ctx.home, "could not write state.json");
  }
  return {
    removed: sources.filter((s) => gone.has(s.path)).map((s) => ({ path: s.path, kind: s.kind })),
    remaining: kept.map((s) => s.path),
  };
}

/**
 * `secrets add FILE…` registers sources (paths only); `secrets list` names them, never values;
 * `secrets remove FILE…` stops using them.
 */
export async function run(args: Args, ctx: Ctx): Promise<SourceInfo[] | Removed> {
  const [sub, ...files] = args.positionals;
  if (sub === "add") return add(files, ctx);
  if (sub === "remove") return remove(files, ctx);
  if (sub === "list" || sub === undefined) {
    return readState(ctx.home).secretSources.map((s) => info(s.path, s.kind));
  }
  throw fail(
    "BadValue",
    "subcommand",
    "add, list or remove",
    "stacklog secrets add /etc/kolla/passwords.yml",
    sub,
  );
}

export function human(data: SourceInfo[] | Removed): string {
  if (!Array.isArray(data)) {
    const lines = data.removed.map(
      (r) => `Removed ${oneLine(r.path)}: its values are no longer hidden by stacklog`,
    );
    return `${lines.join("\n")}\n`;
  }
  if (data.length === 0)
    return "No secret sources registered. Add one: stacklog secrets add /etc/kolla/passwords.yml\n";
  return `${data.map((r) => `${oneLine(r.path)}  ${r.kind}  ${r.readable ? `${count(r.values, "value")} hidden` : "UNREADABLE — its values cannot be hidden"}`).join("\n")}\n`;
}

/** The last key of a source label (`globals.yml:docker_registry` → `docker_registry`). */
function lastKey(label: string): string {
  const path = label.slice(label.indexOf(":") + 1);
  return path.split(".").pop() ?? path;
}
