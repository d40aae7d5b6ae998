import { type Mark, type Piece, PRIVATE_OSC, parseMark } from "./marks.js";

const ESC = 0x1b;
const BEL = 0x07;
const LF = 0x0a;
const PREFIX = Buffer.from(`\x1b]${PRIVATE_OSC};`);
// Every OSC starts so; colour codes (ESC [) are passed over without a look.
const OSC = Buffer.from("\x1b]");
// A mark longer than this is not one of ours: give it back as bytes.
const MAX_MARK = 64 * 1024;

/**
 * Cuts a terminal output byte stream at stacklog's private OSC marks (BEL-terminated). A mark
 * may be split across `feed` calls: its start is held back until the rest arrives. Works on
 * bytes so that everything else passes on unchanged (OSC 133 and 7 too, invalid UTF-8 too).
 */
export class MarkScanner {
  private carry: Buffer | null = null;

  constructor(private readonly nonce: string) {}

  feed(chunk: Buffer): Piece[] {
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    const out: Piece[] = [];
    let textStart = 0;
    let i = buf.indexOf(OSC);
    while (i !== -1) {
      const found = this.markAt(buf, i);
      if (found === "incomplete") {
        this.carry = buf.subarray(i);
        pushBytes(out, buf.subarray(textStart, i));
        return out;
      }
      if (found !== null) {
        pushBytes(out, buf.subarray(textStart, i));
        out.push({ kind: "mark", mark: found.mark });
        textStart = found.end;
      }
      i = buf.indexOf(OSC, found === null ? i + 1 : found.end);
    }
    // An ESC ending the chunk may begin a mark: held back until the next byte comes.
    const last = buf.length - 1;
    if (last >= textStart && buf[last] === ESC) {
      pushBytes(out, buf.subarray(textStart, last));
      this.carry = buf.subarray(last);
      return out;
    }
    pushBytes(out, buf.subarray(textStart));
    return out;
  }

  /** What is held back at the end of the stream, as plain bytes. */
  flush(): Piece[] {
    const rest = this.carry;
    this.carry = null;
    return rest ? [{ kind: "bytes", bytes: rest }] : [];
  }

  private markAt(buf: Buffer, i: number): { mark: Mark; end: number } | "incomplete" | null {
    const avail = buf.length - i;
    const n = Math.min(avail, PREFIX.length);
    if (buf.compare(PREFIX, 0, n, i, i + n) !== 0) return null;
    if (n < PREFIX.length) return "incomplete";
    const bel = buf.indexOf(BEL, i + n);
    // Our payloads are percent-encoded: an ESC or a newline before the BEL means this is not ours.
    if (breaks(buf, i + n, bel === -1 ? buf.length : bel)) return null;
    if (bel === -1) return avail < MAX_MARK ? "incomplete" : null;
    const mark = parseMark(buf.toString("utf8", i + PREFIX.length, bel), this.nonce);
    return mark ? { mark, end: bel + 1 } : null;
  }
}

function breaks(buf: Buffer, from: number, to: number): boolean {
  const esc = buf.indexOf(ESC, from);
  const lf = buf.indexOf(LF, from);
  return (esc !== -1 && esc < to) || (lf !== -1 && lf < to);
}

function pushBytes(out: Piece[], bytes: Buffer): void {
  if (bytes.length > 0) out.push({ kind: "bytes", bytes });
}
