// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), and two-byte ESC sequences; also the 8-bit CSI.
const ANSI =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal control sequences is the point.
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 controls and DEL except tab and newline; carriage returns are handled per line first.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters being removed.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Removes ANSI escape sequences (colours, cursor moves, OSC titles and marks). */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Turns captured terminal output into plain text as a reader would have seen it at the end:
 * escapes removed, `\r`-overwritten progress lines reduced to their last state, backspaces
 * applied, other control characters dropped.
 */
export function plainTerminalText(text: string): string {
  return stripAnsi(text)
    .replace(/\r\n/g, "\n")
    .split("\n")
    .map((line) => applyBackspaces(lastOverwrite(line)).replace(CONTROL, ""))
    .join("\n");
}

function lastOverwrite(line: string): string {
  const parts = line.split("\r").filter((p) => p !== "");
  return parts.length === 0 ? "" : (parts[parts.length - 1] as string);
}

function applyBackspaces(line: string): string {
  if (!line.includes("\b")) return line;
  const out: string[] = [];
  for (const ch of line) {
    if (ch === "\b") out.pop();
    else out.push(ch);
  }
  return out.join("");
}

/**
 * The last `maxBytes` bytes (UTF-8) of `text`, starting at a line boundary when it had to cut.
 * Returns the kept text and whether anything was dropped.
 */
export function tailText(text: string, maxBytes: number): { text: string; cut: boolean } {
  const bytes = Buffer.from(text, "utf8");
  if (bytes.length <= maxBytes) return { text, cut: false };
  let kept = bytes.subarray(bytes.length - maxBytes).toString("utf8");
  // A cut inside a multi-byte character decodes to U+FFFD; drop the partial first line instead.
  const nl = kept.indexOf("\n");
  if (nl >= 0 && nl < kept.length - 1) kept = kept.slice(nl + 1);
  return { text: kept, cut: true };
}
