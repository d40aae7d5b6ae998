import type { ResultStatus } from "./line-kinds.js";

/** The two fields a result needs when its body goes unread; the parser reuses one for every line. */
export interface QuickResult {
  status: ResultStatus;
  host: string;
}

const UNREACHABLE = ": UNREACHABLE!";

/**
 * Reads the status and host of a result line (`ok: [h]`, `changed: [h -> d] => {`,
 * `failed: [h] (item=x) => {`, `fatal: [h]: UNREACHABLE! => {`) straight from `src[start, end)`,
 * slicing only the host, as `parseResultLine` reads them; item and body are left unread.
 * False for any other line, and for a result line without `]`.
 */
export function readQuickResult(
  src: string,
  start: number,
  end: number,
  out: QuickResult,
): boolean {
  const open = prefixEnd(src, start, end, out);
  if (open === -1) return false;
  let close = -1;
  let arrow = -1;
  for (let i = open; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c === 93) {
      close = i;
      break;
    }
    if (c === 32 && arrow === -1 && i + 4 <= end && src.startsWith(" -> ", i)) arrow = i;
  }
  if (close === -1) return false;
  const from = close + 1;
  if (from + UNREACHABLE.length <= end && src.startsWith(UNREACHABLE, from)) {
    out.status = "unreachable";
  }
  out.host = src.slice(open, arrow === -1 ? close : arrow);
  return true;
}

// Where the host starts after the status word and ` [`, with the status set; else -1.
function prefixEnd(src: string, start: number, end: number, out: QuickResult): number {
  switch (src.charCodeAt(start)) {
    case 111: // o
      out.status = "ok";
      return start + 5 <= end && src.startsWith("ok: [", start) ? start + 5 : -1;
    case 99: // c
      out.status = "changed";
      return start + 10 <= end && src.startsWith("changed: [", start) ? start + 10 : -1;
    case 115: // s
      out.status = "skipped";
      return start + 11 <= end && src.startsWith("skipping: [", start) ? start + 11 : -1;
    case 102: // f
      out.status = "failed";
      if (start + 8 <= end && src.startsWith("fatal: [", start)) return start + 8;
      return start + 9 <= end && src.startsWith("failed: [", start) ? start + 9 : -1;
    default:
      return -1;
  }
}
