import { createHash } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  type Stats,
  statSync,
} from "node:fs";
import { join, relative } from "node:path";
import { type ReadContext, skip } from "./read-context.js";

export type EntryKind = "file" | "dir";

/** A path relative to the tree root, with `/` separators. */
export function rel(ctx: ReadContext, abs: string): string {
  return relative(ctx.root, abs).split("\\").join("/") || ".";
}

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException).code ?? String(err);
}

const REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  ELOOP: "symbolic link loop",
  ENOENT: "dangling symbolic link (its target does not exist)",
  EISDIR: "is a directory",
};

function reasonOf(err: unknown): string {
  const code = errCode(err);
  return REASONS[code] ? `${REASONS[code]} (${code})` : `unreadable (${code})`;
}

/**
 * What a path is, following links, or null (after noting why in `skipped`) when it cannot be
 * used. A path that does not exist at all is null without a note: most files are optional.
 */
export function kindOf(ctx: ReadContext, abs: string): EntryKind | null {
  let st: Stats;
  try {
    const l = lstatSync(abs);
    st = l.isSymbolicLink() ? statSync(abs) : l;
  } catch (err) {
    if (errCode(err) === "ENOENT" && !isLink(abs)) return null;
    skip(ctx, rel(ctx, abs), reasonOf(err));
    return null;
  }
  if (st.isDirectory()) return "dir";
  if (st.isFile()) return "file";
  skip(ctx, rel(ctx, abs), `not a regular file (${specialKind(st)})`);
  return null;
}

function isLink(abs: string): boolean {
  try {
    return lstatSync(abs).isSymbolicLink();
  } catch {
    return false;
  }
}

function specialKind(st: Stats): string {
  if (st.isFIFO()) return "named pipe";
  if (st.isSocket()) return "socket";
  if (st.isCharacterDevice() || st.isBlockDevice()) return "device";
  return "special file";
}

/**
 * The entries of a directory, sorted, each with its kind. A directory reached twice (a link
 * back up the tree) is walked once only, so that link loops end.
 */
export function listDir(
  ctx: ReadContext,
  abs: string,
): { name: string; abs: string; kind: EntryKind }[] {
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (err) {
    skip(ctx, rel(ctx, abs), reasonOf(err));
    return [];
  }
  if (ctx.visitedDirs.has(real)) {
    skip(ctx, rel(ctx, abs), "symbolic link loop (directory already read)");
    return [];
  }
  ctx.visitedDirs.add(real);
  let names: string[];
  try {
    names = readdirSync(abs).sort();
  } catch (err) {
    skip(ctx, rel(ctx, abs), reasonOf(err));
    return [];
  }
  const out: { name: string; abs: string; kind: EntryKind }[] = [];
  for (const name of names) {
    const p = join(abs, name);
    const kind = kindOf(ctx, p);
    if (kind) out.push({ name, abs: p, kind });
  }
  return out;
}

/**
 * Reads a text file, or returns null and notes why: too large (checked from its size before
 * opening), not a regular file, unreadable, or binary. Text read is remembered in `ctx.files`.
 */
export function readText(ctx: ReadContext, abs: string): string | null {
  if (kindOf(ctx, abs) !== "file") return null;
  const path = rel(ctx, abs);
  const cached = ctx.files.get(path);
  if (cached) return cached.text;
  const buf = readBounded(ctx, abs, path);
  if (!buf) return null;
  const text = decodeText(buf);
  if (text === null) {
    skip(ctx, path, "binary file (not UTF-8 text)");
    return null;
  }
  ctx.files.set(path, { sha256: createHash("sha256").update(buf).digest("hex"), text });
  return text;
}

function readBounded(ctx: ReadContext, abs: string, path: string): Buffer | null {
  let fd: number;
  try {
    // O_NONBLOCK: a FIFO swapped in after the check must not hang the read.
    fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    skip(ctx, path, reasonOf(err));
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      skip(ctx, path, `not a regular file (${specialKind(st)})`);
      return null;
    }
    if (st.size > ctx.maxFileBytes) {
      skip(ctx, path, `too large (${st.size} bytes; the limit is ${ctx.maxFileBytes})`);
      return null;
    }
    return readFileSync(fd);
  } catch (err) {
    skip(ctx, path, reasonOf(err));
    return null;
  } finally {
    closeSync(fd);
  }
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });

function decodeText(buf: Buffer): string | null {
  if (buf.subarray(0, 8192).includes(0)) return null;
  try {
    return UTF8.decode(buf).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}
