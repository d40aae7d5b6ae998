// Caps counts of inserted blanks and rows moved down: no terminal is that large.
const MAX_INSERT = 4096;

interface Row {
  cells: string[];
  /** For each cell, the offset in all the text written so far of the character shown there. */
  origins: number[];
  /** The text ran past the right margin onto the next row (a soft wrap, not a newline). */
  wrapped: boolean;
}

/** A cursor position: `col` may equal the width (the terminal's "wrap pending" state). */
export interface Cursor {
  row: number;
  col: number;
}

/**
 * Just enough of a terminal to read back what a shell echoed while the user typed: printable
 * characters overwrite cells, BS/CR/LF move the cursor, the line-editing CSI sequences readline uses
 * (K, D, C, A, B, G, P, @) are applied, other escapes are dropped, and a line longer than the width
 * wraps softly (readline forces the wrap with " \r"). Each cell remembers where in the text written
 * its character came from, to tell where a prompt starts after output on its line.
 */
export class EchoScreen {
  private rows: Row[] = [newRow()];
  private row = 0;
  private col = 0;
  // Characters written before the current `write` call.
  private written = 0;

  constructor(private width: number = Number.POSITIVE_INFINITY) {}

  resize(width: number): void {
    this.width = width;
  }

  get cursor(): Cursor {
    return { row: this.row, col: this.col };
  }

  write(text: string): void {
    let i = 0;
    while (i < text.length) {
      const ch = text[i] as string;
      if (ch === "\x1b") {
        i = this.escape(text, i);
        continue;
      }
      if (!this.control(ch)) this.print(ch, this.written + i);
      i++;
    }
    this.written += text.length;
  }

  /** The text written from `from` on, soft-wrapped rows joined, each line's trailing blanks and blank edge lines dropped. */
  textFrom(from: Cursor): string {
    const lines: string[] = [];
    let current = "";
    for (let r = from.row; r < this.rows.length; r++) {
      const row = this.rows[r] as Row;
      const cells = r === from.row ? row.cells.slice(from.col) : row.cells;
      current += Array.from(cells, (c) => c ?? " ").join("");
      if (!row.wrapped) {
        lines.push(current.trimEnd());
        current = "";
      }
    }
    if (current) lines.push(current.trimEnd());
    while (lines.length && !lines[0]) lines.shift();
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    return lines.join("\n");
  }

  /** The text of the cursor's row up to the cursor (to spot a prompt). */
  lineBeforeCursor(): string {
    const cells = this.currentRow().cells.slice(0, this.col);
    return Array.from(cells, (c) => c ?? " ").join("");
  }

  /**
   * Where, in all the text written, the character shown at column `col` of the cursor's row (or the
   * first one right of it) was written; undefined when no character up to the cursor was.
   */
  originOnCursorRow(col: number): number | undefined {
    const origins = this.currentRow().origins;
    for (let c = col; c < Math.min(this.col, origins.length); c++) {
      const origin = origins[c];
      if (origin !== undefined && origin >= 0) return origin;
    }
    return undefined;
  }

  private currentRow(): Row {
    while (this.rows.length <= this.row) this.rows.push(newRow());
    return this.rows[this.row] as Row;
  }

  private control(ch: string): boolean {
    switch (ch) {
      case "\r":
        this.col = 0;
        return true;
      case "\n":
        this.row++;
        this.currentRow();
        return true;
      case "\b":
        this.col = Math.max(0, Math.min(this.col, this.width - 1) - 1);
        return true;
      default:
        // Tabs are kept as typed; other control characters move nothing we need.
        return (ch < " " && ch !== "\t") || ch === "\x7f";
    }
  }

  private print(ch: string, origin: number): void {
    if (this.col >= this.width) {
      this.currentRow().wrapped = true;
      this.row++;
      this.col = 0;
    }
    const row = this.currentRow();
    row.cells[this.col] = ch;
    row.origins[this.col] = origin;
    this.col++;
  }

  // Returns the index just past the escape sequence starting at `i`.
  private escape(text: string, i: number): number {
    const next = text[i + 1];
    if (next === "[") return this.csi(text, i + 2);
    if (next === "]") return skipOsc(text, i + 2);
    if (next === "(" || next === ")") return i + 3;
    return i + 2;
  }

  private csi(text: string, start: number): number {
    let j = start;
    while (j < text.length && /[\x20-\x3f]/.test(text[j] as string)) j++;
    const params = text.slice(start, j);
    const final = text[j];
    if (final !== undefined && !params.startsWith("?")) this.applyCsi(final, params);
    return j + 1;
  }

  private applyCsi(final: string, params: string): void {
    const n = Math.max(1, Number.parseInt(params, 10) || 1);
    const row = this.currentRow();
    switch (final) {
      case "K":
        if (params === "" || params === "0") {
          row.cells.length = Math.min(row.cells.length, this.col);
          row.origins.length = Math.min(row.origins.length, this.col);
        } else if (params === "1") {
          row.cells.fill(" ", 0, this.col + 1);
          row.origins.fill(-1, 0, this.col + 1);
        } else {
          row.cells = [];
          row.origins = [];
        }
        return;
      case "D":
        this.col = Math.max(0, Math.min(this.col, this.width - 1) - n);
        return;
      case "C":
        this.col = Math.min(this.col + n, this.width - 1);
        return;
      case "A":
        this.row = Math.max(0, this.row - n);
        return;
      case "B":
        this.row += Math.min(n, MAX_INSERT);
        this.currentRow();
        return;
      case "G":
        this.col = Math.min(n - 1, this.width - 1);
        return;
      case "P":
        row.cells.splice(this.col, n);
        row.origins.splice(this.col, n);
        return;
      case "@": {
        const blanks = Math.min(n, MAX_INSERT);
        row.cells.splice(this.col, 0, ...Array<string>(blanks).fill(" "));
        row.origins.splice(this.col, 0, ...Array<number>(blanks).fill(-1));
        return;
      }
    }
  }
}

function newRow(): Row {
  return { cells: [], origins: [], wrapped: false };
}

function skipOsc(text: string, start: number): number {
  for (let j = start; j < text.length; j++) {
    if (text[j] === "\x07") return j + 1;
    if (text[j] === "\x1b" && text[j + 1] === "\\") return j + 2;
  }
  return text.length;
}

/** The command line a user typed after `prompt`, read back from the shell's echo at a terminal `width` wide. */
export function typedLine(prompt: string, echo: string, width?: number): string {
  const screen = new EchoScreen(width);
  screen.write(prompt);
  const from = screen.cursor;
  screen.write(echo);
  return screen.textFrom(from);
}
