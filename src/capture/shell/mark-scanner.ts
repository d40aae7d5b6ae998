import { StringDecoder } from "node:string_decoder";
import { type Mark, type Piece, PRIVATE_OSC, parseMark } from "./marks.js";

const ESC = 0x1b;
const BEL = 0x07;
const LF = 0x0a;
const PREFIX = Buffer.from(`\x1b]${PRIVATE_OSC};`);
// Every OSC starts so; colour codes (ESC [) are passed over without a look.
const OSC = Buffer.from("\x1b]");
// The most of one mark held in memory. A longer one is ours only when it is a start mark with
// this session's nonce (a pasted line of 100 MB): its line is kept cut, the rest dropped unheld.
// Anything else that long is not ours: it is given back as bytes.
const MAX_MARK = 64 * 1024;
// Ends a cut line, in the bracketed style of "[not recorded]" (HIDDEN_LINE): the "…" says that
// the line went on. The limit counts the whole mark's bytes, so the line kept is a little less.
const CUT_NOTE = `… [line cut at ${MAX_MARK / 1024} KiB]`;

type Found = { mark: Mark; end: number; open?: true };

/**
 * Cuts a terminal output byte stream at stacklog's private OSC marks (BEL-terminated). A mark
 * may be split across `feed` calls: its start is held back until the rest arrives. Works on
 * bytes so that everything else passes on unchanged (OSC 133 and 7 too, invalid UTF-8 too).
 * A start mark longer than 64 KiB comes out once that much has arrived, its line cut (and
 * saying so); the rest of it never comes out.
 */
export class MarkScanner {
  private carry: Buffer | null = null;
  // Inside a cut start mark: the bytes up to its end are dropped.
  private skipping = false;

  constructor(private readonly nonce: string) {}

  feed(chunk: Buffer): Piece[] {
    const rest = this.skipping ? this.skip(chunk) : chunk;
    const buf = this.carry ? Buffer.concat([this.carry, rest]) : rest;
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
        if (found.open) {
          this.skipping = true;
          return out;
        }
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
    this.skipping = false;
    return rest ? [{ kind: "bytes", bytes: rest }] : [];
  }

  private markAt(buf: Buffer, i: number): Found | "incomplete" | null {
    const avail = buf.length - i;
    const n = Math.min(avail, PREFIX.length);
    if (buf.compare(PREFIX, 0, n, i, i + n) !== 0) return null;
    if (n < PREFIX.length) return "incomplete";
    const limit = Math.min(buf.length, i + MAX_MARK);
    const bel = buf.subarray(0, limit).indexOf(BEL, i + n);
    // Our payloads are percent-encoded: an ESC or a newline before the BEL means this is not ours.
    if (breaks(buf, i + n, bel === -1 ? limit : bel)) return null;
    if (bel !== -1) {
      const mark = parseMark(buf.toString("utf8", i + PREFIX.length, bel), this.nonce);
      return mark ? { mark, end: bel + 1 } : null;
    }
    return avail < MAX_MARK ? "incomplete" : this.cutAt(buf, i);
  }

  // A mark with no end in its first MAX_MARK bytes: our start mark cut there, or not ours.
  private cutAt(buf: Buffer, i: number): Found | null {
    const mark = cutStart(buf.subarray(i + PREFIX.length, i + MAX_MARK), this.nonce);
    if (!mark) return null;
    const stop = endOfCut(buf, i + MAX_MARK);
    if (stop === -1) return { mark, end: buf.length, open: true };
    return { mark, end: buf[stop] === BEL ? stop + 1 : stop };
  }

  private skip(chunk: Buffer): Buffer {
    const stop = endOfCut(chunk, 0);
    if (stop === -1) return chunk.subarray(chunk.length);
    this.skipping = false;
    return chunk.subarray(chunk[stop] === BEL ? stop + 1 : stop);
  }
}

/**
 * The start mark that `head` (the first bytes of a mark's body) begins, its line ending with
 * CUT_NOTE. A character or an escape cut in two is left out, so the line is text as typed.
 */
function cutStart(head: Buffer, nonce: string): Mark | null {
  const whole = new StringDecoder("utf8").write(head).replace(/%[0-9a-fA-F]?$/, "");
  const mark = parseMark(whole, nonce);
  return mark?.kind === "start" ? { ...mark, line: lastWordsOff(mark.line) + CUT_NOTE } : null;
}

// The cut line without its last 256 characters and the word the cut then goes through: a
// password cut in two is not whole for the redactor to find, and its first part would be
// stored — a value with blanks in it too, up to 256 characters. (A last word over 1 KiB is
// kept whole: no secret is that long, and a line of one such word would keep nothing.)
function lastWordsOff(line: string): string {
  const kept = line.slice(0, Math.max(0, line.length - 256));
  const tail = kept.slice(-1024);
  const m = /\s(?=\S*$)/.exec(tail);
  return m ? kept.slice(0, kept.length - tail.length + m.index + 1) : line;
}

// Where a cut mark ends: its BEL, or an ESC or newline (which no mark of ours holds) that then
// passes on as output. -1 when `buf` holds none.
function endOfCut(buf: Buffer, from: number): number {
  const found = [BEL, ESC, LF].map((b) => buf.indexOf(b, from)).filter((at) => at !== -1);
  return found.length > 0 ? Math.min(...found) : -1;
}

function breaks(buf: Buffer, from: number, to: number): boolean {
  const esc = buf.indexOf(ESC, from);
  const lf = buf.indexOf(LF, from);
  return (esc !== -1 && esc < to) || (lf !== -1 && lf < to);
}

function pushBytes(out: Piece[], bytes: Buffer): void {
  if (bytes.length > 0) out.push({ kind: "bytes", bytes });
}
