const BEL = 7;
const ESC = 27;
const LF = 10;

/**
 * Where the terminal escape sequence that starts with the ESC at `at` ends, or -1 when what
 * follows the ESC is no sequence (the ESC is then text). Reads no further than `limit`.
 * Knows CSI (`ESC [ params intermediates final`: colours, cursor moves), OSC (`ESC ] … BEL`
 * or `ESC \`, or unterminated to the line end: titles, OSC 133 marks), charset selection
 * (`ESC ( B`) and the two-byte escapes `ESC @`…`ESC _`. None of them spans a newline.
 */
export function escapeEnd(src: string, at: number, limit: number): number {
  if (at + 1 >= limit) return -1;
  const kind = src.charCodeAt(at + 1);
  if (kind === 91) return csiEnd(src, at + 2, limit);
  if (kind === 93) return oscEnd(src, at + 2, limit);
  if (kind === 40 || kind === 41) {
    return at + 2 < limit && isAlnum(src.charCodeAt(at + 2)) ? at + 3 : -1;
  }
  return (kind >= 64 && kind <= 90) || (kind >= 92 && kind <= 95) ? at + 2 : -1;
}

function csiEnd(src: string, from: number, limit: number): number {
  let i = from;
  while (i < limit && inRange(src.charCodeAt(i), 0x30, 0x3f)) i++;
  while (i < limit && inRange(src.charCodeAt(i), 0x20, 0x2f)) i++;
  return i < limit && inRange(src.charCodeAt(i), 0x40, 0x7e) ? i + 1 : -1;
}

// An OSC runs to BEL, to `ESC \`, or up to (not into) the next ESC or newline.
function oscEnd(src: string, from: number, limit: number): number {
  let i = from;
  for (; i < limit; i++) {
    const c = src.charCodeAt(i);
    if (c === BEL) return i + 1;
    if (c === ESC) return i + 1 < limit && src.charCodeAt(i + 1) === 92 ? i + 2 : i;
    if (c === LF) return i;
  }
  return i;
}

function inRange(c: number, lo: number, hi: number): boolean {
  return c >= lo && c <= hi;
}

function isAlnum(c: number): boolean {
  return inRange(c, 48, 57) || inRange(c, 65, 90) || inRange(c, 97, 122);
}
