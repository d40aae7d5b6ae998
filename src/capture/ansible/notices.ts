export type NoticeKind = "warning" | "deprecation" | "error";

const OPENERS: readonly [string, NoticeKind][] = [
  ["[WARNING]: ", "warning"],
  ["[DEPRECATION WARNING]: ", "deprecation"],
  ["ERROR! ", "error"],
  ["[ERROR]: ", "error"],
];

/** Which notice a line opens, and its text without the tag. */
export function parseNoticeStart(line: string): { kind: NoticeKind; text: string } | null {
  for (const [tag, kind] of OPENERS) {
    if (line.startsWith(tag)) return { kind, text: line.slice(tag.length).trim() };
  }
  return null;
}

/**
 * Collects warnings, deprecations and errors: the callback wraps them at the terminal width,
 * so a notice goes on until a blank or structural line. Each list keeps `max` distinct notices
 * of at most `maxChars`; the rest are counted in `dropped`.
 */
export class NoticeBook {
  readonly lists: Record<NoticeKind, string[]> = { warning: [], deprecation: [], error: [] };
  dropped = 0;
  private readonly seen = new Set<string>();
  private open: { kind: NoticeKind; text: string } | null = null;

  constructor(
    private readonly max: number,
    private readonly maxChars: number,
  ) {}

  get isOpen(): boolean {
    return this.open !== null;
  }

  start(kind: NoticeKind, text: string): void {
    this.close();
    this.open = { kind, text };
  }

  /** Adds a wrapped continuation line; a line ending in `-` was cut at a hyphen. */
  continue(line: string): void {
    if (!this.open || this.open.text.length >= this.maxChars) return;
    const part = line.trim();
    const sep = this.open.text.endsWith("-") ? "" : " ";
    this.open.text = `${this.open.text}${sep}${part}`;
  }

  close(): void {
    if (!this.open) return;
    const { kind, text } = this.open;
    this.open = null;
    const clipped = text.length <= this.maxChars ? text : `${text.slice(0, this.maxChars - 1)}…`;
    const key = `${kind}\u0000${clipped}`;
    if (this.seen.has(key)) return;
    if (this.lists[kind].length >= this.max) {
      this.dropped++;
      return;
    }
    this.seen.add(key);
    this.lists[kind].push(clipped);
  }
}
