/**
 * How much of a command's output is indexed for search: the first and the last
 * OUTPUT_INDEX_EDGE characters (ANSI escapes removed). The head holds what the command
 * set out to do, the tail holds the failures and the Ansible recap; indexing every byte of
 * a 1 GB output would make writing slow and the index huge. See README.md.
 */
export const OUTPUT_INDEX_EDGE = 64 * 1024;

// CSI sequences, OSC sequences (ended by BEL or ST), and other two-byte escapes.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escapes is the point
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function stripAnsi(s: string): string {
  return s.replace(ANSI, "");
}

/** Keeps the head and tail of a stream of text in bounded memory. */
export class EdgeText {
  private head = "";
  private tail: string[] = [];
  private tailLength = 0;
  private skipped = false;

  constructor(private readonly edge = OUTPUT_INDEX_EDGE) {}

  add(chunk: string): void {
    if (this.head.length < this.edge) {
      const room = this.edge - this.head.length;
      this.head += chunk.slice(0, room);
      chunk = chunk.slice(room);
    }
    if (!chunk) return;
    this.tail.push(chunk);
    this.tailLength += chunk.length;
    while (this.tailLength - (this.tail[0]?.length ?? 0) >= this.edge) {
      this.tailLength -= this.tail.shift()?.length ?? 0;
      this.skipped = true;
    }
  }

  /** The indexed text; a break marks where the middle was left out. */
  text(): string {
    const tail = this.tail.join("").slice(-this.edge);
    const gap = this.skipped || this.tailLength > this.edge ? "\n…\n" : "";
    return stripAnsi(this.head + gap + tail);
  }
}
