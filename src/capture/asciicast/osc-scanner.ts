/** A shell-integration mark found in terminal output. */
export type ShellMark =
  | { kind: "prompt" }
  | { kind: "command" }
  | { kind: "output" }
  | { kind: "end"; status: number | null }
  | { kind: "cwd"; path: string };

/** Output cut at the marks: plain text (everything but OSC 133 and OSC 7, kept as written) or a mark. */
export type Piece = { kind: "text"; text: string } | { kind: "mark"; mark: ShellMark };

const ESC = "\x1b";
const BEL = "\x07";
// An unterminated OSC longer than this is not a mark we could use: give it back as text.
const MAX_OSC = 4096;

/**
 * Finds OSC 133 (A prompt, B command, C output, D;status end) and OSC 7 (cwd) sequences in a stream of
 * output, which may split a sequence across writes: an incomplete one is held until the next `feed`.
 */
export class OscScanner {
  private carry = "";

  feed(data: string): Piece[] {
    const s = this.carry + data;
    this.carry = "";
    const out: Piece[] = [];
    let textStart = 0;
    let i = s.indexOf(ESC);
    while (i !== -1) {
      if (i === s.length - 1 || (s[i + 1] === "]" && !hasTerminator(s, i))) {
        if (s.length - i <= MAX_OSC) {
          this.carry = s.slice(i);
          pushText(out, s.slice(textStart, i));
          return out;
        }
      } else if (s[i + 1] === "]") {
        const { body, end } = readOsc(s, i);
        const mark = parseOsc(body);
        if (mark) {
          pushText(out, s.slice(textStart, i));
          out.push({ kind: "mark", mark });
          textStart = end;
        }
        i = s.indexOf(ESC, end);
        continue;
      }
      i = s.indexOf(ESC, i + 1);
    }
    pushText(out, s.slice(textStart));
    return out;
  }

  /** Whatever is held back at the end of the stream, as text. */
  flush(): Piece[] {
    const rest = this.carry;
    this.carry = "";
    return rest ? [{ kind: "text", text: rest }] : [];
  }
}

function pushText(out: Piece[], text: string): void {
  if (text) out.push({ kind: "text", text });
}

function hasTerminator(s: string, start: number): boolean {
  return terminatorAt(s, start) !== -1;
}

// Index of the BEL or ESC \ (ST) that ends the OSC starting at `start`, or -1.
function terminatorAt(s: string, start: number): number {
  for (let j = start + 2; j < s.length; j++) {
    if (s[j] === BEL) return j;
    if (s[j] === ESC && s[j + 1] === "\\") return j;
  }
  return -1;
}

function readOsc(s: string, start: number): { body: string; end: number } {
  const term = terminatorAt(s, start);
  return { body: s.slice(start + 2, term), end: term + (s[term] === BEL ? 1 : 2) };
}

/** The mark an OSC body (between `ESC ]` and its terminator) stands for, if any. */
export function parseOsc(body: string): ShellMark | null {
  if (body.startsWith("133;")) {
    const fields = body.split(";");
    switch (fields[1]) {
      case "A":
        return { kind: "prompt" };
      case "B":
        return { kind: "command" };
      case "C":
        return { kind: "output" };
      case "D":
        return { kind: "end", status: /^\d+$/.test(fields[2] ?? "") ? Number(fields[2]) : null };
      default:
        return null;
    }
  }
  if (body.startsWith("7;")) {
    const path = fileUrlPath(body.slice(2));
    return path === null ? null : { kind: "cwd", path };
  }
  return null;
}

function fileUrlPath(url: string): string | null {
  if (url.startsWith("/")) return url;
  if (!url.startsWith("file://")) return null;
  const slash = url.indexOf("/", "file://".length);
  if (slash === -1) return null;
  try {
    return decodeURIComponent(url.slice(slash));
  } catch {
    return url.slice(slash);
  }
}
