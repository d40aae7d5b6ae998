const ESC = "\u001b";
const BEL = "\u0007";
// CSI (colours, cursor moves), OSC (titles, OSC 133 marks) and two-byte escapes.
const ANSI_SOURCE = `${ESC}(?:\\[[0-?]*[ -/]*[@-~]|\\][^${BEL}${ESC}\\n]*(?:${BEL}|${ESC}\\\\)?|[()][0-9A-Za-z]|[@-Z\\\\-_])`;
const ANSI = new RegExp(ANSI_SOURCE, "g");
// Escapes, and the CR of a PTY's CRLF, removed in one pass over a block of whole lines.
const ANSI_OR_CRLF = new RegExp(`${ANSI_SOURCE}|\r+(?=\n|$)`, "g");

/** Removes terminal escape sequences from text (complete lines; a sequence never spans a newline). */
export function stripAnsi(text: string): string {
  return text.indexOf(ESC) === -1 ? text : text.replace(ANSI, "");
}

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
 * after a look at their first character, so the splitter leaves the slicing to the receiver.
 */
export type LineHandler = (src: string, start: number, end: number) => void;

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

  const emitBlock = (block: string): void => {
    const clean =
      block.indexOf(ESC) === -1 && block.indexOf("\r") === -1
        ? block
        : block.replace(ANSI_OR_CRLF, "");
    let start = 0;
    for (;;) {
      const nl = clean.indexOf("\n", start);
      const end = nl === -1 ? clean.length : nl;
      if (end - start > maxChars) {
        onLongLine();
        onLine(clean, start, start + maxChars);
      } else onLine(clean, start, end);
      if (nl === -1) return;
      start = nl + 1;
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
      let head = chunk.slice(0, last);
      if (dropping) {
        // The long line ends at the first newline; what came before it is dropped.
        const first = chunk.indexOf("\n");
        emitBlock(carry);
        head = first === last ? "" : chunk.slice(first + 1, last);
        dropping = false;
        if (first !== last) emitBlock(head);
      } else emitBlock(carry + head);
      carry = "";
      keepCarry(chunk.slice(last + 1));
    },
    end() {
      if (carry.length > 0) emitBlock(carry);
      carry = "";
      dropping = false;
    },
  };
}
