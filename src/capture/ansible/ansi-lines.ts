import { escapeEnd } from "./escape-scan.js";

const ESC = "\u001b";

/** What a terminal shows of a line already free of escapes: bare CRs settled. */
export function cleanLine(text: string): string {
  return text.indexOf("\r") === -1 ? text : settleCarriageReturns(text);
}

/** Turns a PTY line into what the terminal shows: no trailing CR, and only the text after a bare CR. */
export function settleCarriageReturns(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  const text = end === line.length ? line : line.slice(0, end);
  const cr = text.lastIndexOf("\r");
  return cr === -1 ? text : text.slice(cr + 1);
}

export interface LineSplitter {
  push(chunk: string): void;
  end(): void;
}

/**
 * Receives one clean line as `src.slice(start, end)`; most lines of a long run are skipped
 * or read after a look at their first characters, so the splitter leaves the slicing to the
 * receiver. `hasCr` is false when the line holds no bare CR (see {@link cleanLine}).
 */
export type LineHandler = (src: string, start: number, end: number, hasCr: boolean) => void;

/**
 * Splits a stream of chunks (cut anywhere) into lines with escapes and CRLF's CR removed.
 * A line longer than `maxChars` is cut at `maxChars` and the rest dropped, so memory stays flat
 * even for a gigabyte without a newline; `onLongLine` counts those.
 */
export function createLineSplitter(
  onLine: LineHandler,
  maxChars: number,
  onLongLine: () => void,
): LineSplitter {
  let carry = "";
  let dropping = false;
  // The next ESC and CR at or after the line being read, in the string being read: each is
  // looked for again only once passed, so a chunk is scanned for them once.
  let esc = -1;
  let cr = -1;

  const deliver = (src: string, start: number, end: number, crAt: number): void => {
    const stop = end - start > maxChars ? start + maxChars : end;
    if (stop !== end) onLongLine();
    onLine(src, start, stop, crAt !== -1 && crAt < stop);
  };

  const deliverRange = (src: string, start: number, end: number): void => {
    if (cr !== -1 && cr < start) cr = src.indexOf("\r", start);
    deliver(src, start, end, cr);
  };

  // A line whose escapes sit only at its ends (a coloured line) is passed as a range of the
  // chunk, like a plain one; a line with escapes inside is rebuilt without them.
  const emitLine = (src: string, start: number, end: number): void => {
    let stop = end;
    while (stop > start && src.charCodeAt(stop - 1) === 13) stop--;
    if (esc !== -1 && esc < start) esc = src.indexOf(ESC, start);
    if (esc === -1 || esc >= stop) {
      deliverRange(src, start, stop);
      return;
    }
    let from = start;
    let first = -1;
    let firstEnd = -1;
    let text: string | null = null;
    let at = esc;
    for (;;) {
      const next = at === -1 || at >= stop ? stop : escapeEnd(src, at, stop);
      if (next === -1) {
        at = src.indexOf(ESC, at + 1);
        continue;
      }
      const pieceEnd = at === -1 || at >= stop ? stop : at;
      if (pieceEnd > from) {
        if (first === -1) {
          first = from;
          firstEnd = pieceEnd;
        } else text = (text ?? src.slice(first, firstEnd)) + src.slice(from, pieceEnd);
      }
      if (next === stop && pieceEnd === stop) break;
      from = next;
      at = src.indexOf(ESC, next);
    }
    esc = at;
    if (text !== null) deliver(text, 0, text.length, text.indexOf("\r"));
    else if (first === -1) deliverRange(src, start, start);
    else deliverRange(src, first, firstEnd);
  };

  // Emits the lines of `src[from, to)`, the last one ending at `to`.
  const emitBlock = (src: string, from: number, to: number): void => {
    esc = src.indexOf(ESC, from);
    cr = src.indexOf("\r", from);
    let start = from;
    for (;;) {
      const nl = src.indexOf("\n", start);
      const end = nl === -1 || nl > to ? to : nl;
      emitLine(src, start, end);
      if (end === to) return;
      start = end + 1;
    }
  };

  const keepCarry = (text: string): void => {
    if (text.length > maxChars) {
      carry = text.slice(0, maxChars);
      dropping = true;
      onLongLine();
    } else carry = text;
  };

  return {
    push(chunk) {
      const last = chunk.lastIndexOf("\n");
      if (last === -1) {
        if (!dropping) keepCarry(carry + chunk);
        return;
      }
      const first = chunk.indexOf("\n");
      if (dropping) {
        // The long line ends at the first newline; what came before it is dropped.
        emitBlock(carry, 0, carry.length);
        dropping = false;
      } else if (carry.length > 0) {
        const line = carry + chunk.slice(0, first);
        emitBlock(line, 0, line.length);
      } else emitBlock(chunk, 0, first);
      if (first !== last) emitBlock(chunk, first + 1, last);
      keepCarry(chunk.slice(last + 1));
    },
    end() {
      if (carry.length > 0) emitBlock(carry, 0, carry.length);
      carry = "";
      dropping = false;
    },
  };
}
