interface Row {
  cells: string[];
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
 * wraps softly (readline forces the wrap with " \r").
 */
export class EchoScreen {
  private rows: Row[] = [{ cells: [], wrapped: false }];
  private row = 0;
  private col = 0;

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
      if (!this.control(ch)) this.print(ch);
      i++;
    }
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

  private currentRow(): Row {
    while (this.rows.length <= this.row) this.rows.push({ cells: [], wrapped: false });
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

  private print(ch: string): void {
    if (this.col >= this.width) {
      this.currentRow().wrapped = true;
      this.row++;
      this.col = 0;
    }
    this.currentRow().cells[this.col] = ch;
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
        if (params === "" || params === "0")
          row.cells.length = Math.min(row.cells.length, this.col);
        else if (params === "1") row.cells.fill(" ", 0, this.col + 1);
        else row.cells = [];
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
        this.row += n;
        this.currentRow();
        return;
      case "G":
        this.col = Math.min(n - 1, this.width - 1);
        return;
      case "P":
        row.cells.splice(this.col, n);
        return;
      case "@":
        row.cells.splice(this.col, 0, ...Array<string>(n).fill(" "));
        return;
    }
  }
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
