import { EchoScreen } from "./echo-screen.js";

// A prompt is one line; longer lines are output, not prompts.
const MAX_PROMPT = 1024;
// bash and dash print "> " to ask for the rest of a command; zsh names what is open ("for> ", "dquote> ").
const CONTINUATION = /^((?:[a-z]+ )*[a-z]*>)(?: (.*))?$/s;
// Readline and zsh's line editor turn bracketed paste on before they read a line.
export const READING_LINE = "\x1b[?2004h";
// zsh's PROMPT_SP after output without a final newline: a highlighted mark, blanks to the margin,
// then " \r" (the CR may have gone with the prompt).
const PROMPT_SP =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it matches
  /(?:(?:\x1b\[[\d;]*m)+[^\x1b\r\n]{1,4}(?:\x1b\[[\d;]*m)*)? {2,}\r (?:\r|\x1b\[[\d;]*m)*$/;
// A whole escape sequence (CSI, OSC or a two-character one) or a carriage return at the end of a text.
const TRAILING_CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences are what it matches
  /(?:\x1b\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[\x20-\x2f]*[\x30-\x7e]|\r)$/;

/** What draws the cursor's row of a line of output. */
export interface CursorRow {
  /** A screen that was shown the line from its last carriage return (`text.slice(offset)`). */
  screen: EchoScreen;
  offset: number;
}

/**
 * The cursor's row after showing `text` (one line, no newline) on a screen `cols` wide. Only what
 * follows the last carriage return is drawn: what came before cannot be left of the cursor (and a
 * progress bar redrawn a thousand times is not drawn a thousand times).
 */
export function cursorRow(text: string, cols: number): CursorRow {
  const offset = Math.max(0, text.lastIndexOf("\r"));
  const screen = new EchoScreen(cols);
  screen.write(text.slice(offset));
  return { screen, offset };
}

/** Whether a line shown up to the cursor ends like a shell prompt (`$ ` or `# `). */
export function isPrompt(shown: string): boolean {
  return shown.length <= MAX_PROMPT && /[$#] $/.test(shown);
}

/** For a line that starts with a continuation prompt (`> `, `for> `), what was typed after it. */
export function afterContinuationPrompt(shown: string): string | null {
  const m = CONTINUATION.exec(shown);
  return m && shown.length <= MAX_PROMPT ? (m[2] ?? "").trimEnd() : null;
}

/**
 * Where the prompt shown from column `col` of the cursor's `row` starts in `text`, taking along the
 * escape sequences (its colours, cursor moves, mode switches) and carriage returns written just
 * before it; never before `min`.
 */
export function promptStart(text: string, row: CursorRow, col: number, min: number): number {
  const origin = row.screen.originOnCursorRow(col);
  let at = origin === undefined ? min : row.offset + origin;
  while (at > min) {
    const m = TRAILING_CONTROL.exec(text.slice(Math.max(min, at - 64), at));
    if (!m) break;
    at -= m[0].length;
  }
  return Math.max(at, min);
}

/** How many characters at the end of `output` are zsh's PROMPT_SP (0 when it does not end with one). */
export function promptSpLength(output: string): number {
  return PROMPT_SP.exec(output)?.[0].length ?? 0;
}

/**
 * The prompts found in a recording and how often each was seen, to tell where a prompt starts on a
 * line that also shows output, and to spot a prompt in the middle of a write.
 */
export class PromptBook {
  private readonly seen = new Map<string, number>();

  add(shown: string): void {
    this.seen.set(shown, (this.seen.get(shown) ?? 0) + 1);
  }

  /**
   * The column where the prompt ending `shown` starts: the most often seen prompt that ends it (the
   * shorter of equals, since a longer one holds output), else 0.
   */
  startIn(shown: string): number {
    let best = 0;
    let bestCount = 0;
    for (let col = shown.length - 1; col >= 0; col--) {
      const count = this.seen.get(shown.slice(col)) ?? 0;
      if (count > bestCount) {
        best = col;
        bestCount = count;
      }
    }
    return best;
  }

  /** The command typed on a line `shown` after a known prompt at its start (the longest that fits). */
  typedAfter(shown: string): string | null {
    for (let end = Math.min(shown.length, MAX_PROMPT); end > 0; end--) {
      if (!this.seen.has(shown.slice(0, end))) continue;
      const typed = shown.slice(end).trim();
      return typed || null;
    }
    return null;
  }

  get size(): number {
    return this.seen.size;
  }
}
