import { fail, StacklogError } from "../errors/index.js";

const LOCKED = /^SQLITE_(BUSY|LOCKED)/;
const CORRUPT = /^SQLITE_(NOTADB|CORRUPT)/;
const UNWRITABLE =
  /^(SQLITE_(READONLY|CANTOPEN|FULL|PERM|IOERR)|EACCES|EPERM|EROFS|ENOSPC|ENOTDIR|EEXIST|EDQUOT)/;

/** Turns a SQLite or file-system failure into the catalogued store error; others pass through. */
export function storeError(err: unknown, path: string, busyMs: number): unknown {
  if (err instanceof StacklogError) return err;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== "string") return err;
  // (Node's file system errors start with their code already)
  const message = (err as Error).message;
  const detail = message.startsWith(`${code}:`) ? message : `${code}: ${message}`;
  let mapped: StacklogError | null = null;
  if (LOCKED.test(code)) mapped = fail("StoreLocked", path, busyMs);
  else if (CORRUPT.test(code)) mapped = fail("StoreCorrupt", path, detail);
  else if (UNWRITABLE.test(code)) mapped = fail("StoreUnwritable", path, detail);
  if (!mapped) return err;
  (mapped as { cause?: unknown }).cause = err;
  return mapped;
}

/** Wraps every method of `target` so that store failures surface as catalogued errors. */
export function guardMethods<T extends object>(target: T, path: string, busyMs: number): T {
  const out = {} as Record<string, unknown>;
  for (const [key, value] of Object.entries(target)) {
    out[key] =
      typeof value === "function"
        ? (...args: unknown[]) => {
            try {
              return value(...args);
            } catch (err) {
              throw storeError(err, path, busyMs);
            }
          }
        : value;
  }
  return out as T;
}
