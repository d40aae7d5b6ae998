// A newline, a switch to or from the alternate screen that full-screen programs draw on, or a full
// reset (what `reset` sends after a full-screen program died), which leaves the alternate screen too.
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it matches
const BREAKS = /\n|\x1b\[\?(?:1049|1047|47)([hl])|\x1bc/g;
// The start of such a switch cut off at the end of a write.
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it matches
const CUT_SWITCH = /\x1b(?:\[(?:\?\d{0,4})?)?$/;
// Past this the text before the last carriage return (or all but this much) is dropped: the cursor
// left it behind.
const MAX_LINE = 4096;

/**
 * The raw text of the terminal line the cursor is on, fed with output as it is written: what came
 * since the last newline. A full-screen program's drawing (between switching to the alternate screen
 * and back) is left out: once it ends, the line is again the one it started from.
 */
export class OutputLine {
  text = "";
  /**
   * `text` from this offset on is the output exactly as last written; what comes before it is the
   * line as it was when a full-screen program started.
   */
  writtenFrom = 0;
  fullScreen = false;
  private saved = "";
  // Already in `text` (unless full screen): the end of the last write, in case it cut a switch short.
  private carry = "";

  feed(data: string): void {
    const s = this.carry + data;
    if (!this.fullScreen) this.text = this.text.slice(0, this.text.length - this.carry.length);
    let start = 0;
    for (const m of s.matchAll(BREAKS)) {
      const at = m.index;
      if (!this.fullScreen) this.text += s.slice(start, at);
      start = at + m[0].length;
      if (m[0] === "\n") this.newline();
      else if (m[1] === "h") this.enterFullScreen();
      else this.leaveFullScreen(m[0]);
    }
    if (!this.fullScreen) this.text += s.slice(start);
    this.carry = CUT_SWITCH.exec(s.slice(start))?.[0] ?? "";
    if (this.text.length > MAX_LINE) this.clip();
  }

  private newline(): void {
    if (this.fullScreen) return;
    this.text = "";
    this.writtenFrom = 0;
  }

  private enterFullScreen(): void {
    if (this.fullScreen) return;
    this.saved = this.text;
    this.fullScreen = true;
  }

  private leaveFullScreen(sequence: string): void {
    if (!this.fullScreen) {
      this.text += sequence;
      return;
    }
    this.text = this.saved;
    this.writtenFrom = this.text.length;
    this.fullScreen = false;
  }

  private clip(): void {
    const cr = this.text.lastIndexOf("\r", this.text.length - this.carry.length - 1);
    const from = Math.max(cr, this.text.length - MAX_LINE);
    this.text = this.text.slice(from);
    this.writtenFrom = Math.max(0, this.writtenFrom - from);
  }
}
