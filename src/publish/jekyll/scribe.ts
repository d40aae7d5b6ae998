import { fmText } from "./front-matter.js";
import { mdCodeBlock, mdLinkTo, mdParagraphs, mdText } from "./markdown.js";

/** One piece of journal data as it will read on the site, and what it came from. */
export interface WrittenPiece {
  /** e.g. `event #12 (command)`; never the data itself. */
  source: string;
  text: string;
}

/**
 * Escapes journal data for Markdown and front matter while keeping each piece in its plain
 * form, so that secrets can be looked for in what a reader would see (escaping splits a
 * value like `pa.ss` into `pa\.ss` in the file, but not on the page).
 */
export class Scribe {
  readonly pieces: WrittenPiece[] = [];
  private source = "journal";

  /** Names what the following pieces come from. */
  about(source: string): void {
    this.source = source;
  }

  text(s: string): string {
    this.keep(s);
    return mdText(s);
  }

  paragraphs(s: string): string {
    this.keep(s);
    return mdParagraphs(s);
  }

  code(s: string, lang?: string): string {
    this.keep(s);
    return mdCodeBlock(s, lang);
  }

  /** A link to an in-page anchor with `label` as its text. */
  link(anchor: string, label: string): string {
    this.keep(label);
    return mdLinkTo(anchor, label);
  }

  frontMatter(s: string): string {
    this.keep(s);
    return fmText(s);
  }

  private keep(text: string): void {
    this.pieces.push({ source: this.source, text });
  }
}
