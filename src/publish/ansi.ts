import { escapeHtml, html, raw, type SafeHtml } from "./html.js";
import { applySgr, classesAndStyle, PLAIN, type Style } from "./sgr.js";

// ESC-introduced sequences and 8-bit C1 equivalents. Groups: 1 = SGR body of a CSI `m`.
// CSI: ESC [ or \x9b, params, intermediates, final. OSC/DCS/SOS/PM/APC: up to BEL or ST (or end).
const SEQUENCE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal control sequences are what this matches.
  /(?:\x1b\[|\x9b)([0-?]*)[ -/]*([@-~])|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)|\x1b[ -/]*[0-~]?|[\x00-\x08\x0b\x0c\x0e-\x1a\x1c-\x1f\x7f\x80-\x9f]/g;

// Equal styles share one object, so that the span tag is built once per style (spanOpen's cache).
const interned = new Map<string, Style>();

function intern(s: Style): Style {
  const key = `${s.fg}|${s.bg}|${+s.bold}${+s.dim}${+s.italic}${+s.underline}${+s.inverse}${+s.strike}`;
  const known = interned.get(key);
  if (known) return known;
  if (interned.size > 10_000) interned.clear();
  interned.set(key, s);
  return s;
}

// Output repeats the same few colour changes: remember where each SGR leads from each style.
const transitions = new WeakMap<Style, Map<string, Style>>();

function nextStyle(from: Style, body: string): Style {
  let known = transitions.get(from);
  if (!known) {
    known = new Map();
    transitions.set(from, known);
  }
  let to = known.get(body);
  if (!to) {
    to = intern(applySgr(from, body));
    if (known.size < 256) known.set(body, to);
  }
  return to;
}

interface Segment {
  text: string;
  style: Style;
}

function segments(input: string): Segment[] {
  const out: Segment[] = [];
  let style = PLAIN;
  let last = 0;
  const push = (text: string) => {
    if (text) out.push({ text, style });
  };
  for (const m of input.matchAll(SEQUENCE)) {
    push(input.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2] === "m" && m[0].length > 1) style = nextStyle(style, m[1] ?? "");
  }
  push(input.slice(last));
  return out;
}

/** Applies carriage returns the way a terminal shows them: text before a lone `\r` on a line is overwritten. */
function foldCarriageReturns(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  let lineStart = 0;
  for (const seg of segs) {
    const parts = seg.text.replace(/\r+\n/g, "\n").split(/(\n|\r)/);
    for (const part of parts) {
      if (part === "\r") out.length = lineStart;
      else if (part === "\n") {
        out.push({ text: "\n", style: seg.style });
        lineStart = out.length;
      } else if (part) out.push({ text: part, style: seg.style });
    }
  }
  return out;
}

const spanCache = new WeakMap<Style, string>();

/** The opening tag for a style, or "" for plain text; cached per style object. */
function spanOpen(style: Style): string {
  let open = spanCache.get(style);
  if (open === undefined) {
    const { cls, css } = classesAndStyle(style);
    open =
      cls || css
        ? html`<span${cls ? html` class="${cls}"` : ""}${css ? html` style="${css}"` : ""}>`.value
        : "";
    spanCache.set(style, open);
  }
  return open;
}

/**
 * Converts terminal output to HTML: SGR colours (16, 256, truecolor) and attributes become
 * spans; every other escape and control sequence is dropped, and all text is escaped.
 */
export function ansiToHtml(input: string): SafeHtml {
  const segs = input.includes("\r") ? foldCarriageReturns(segments(input)) : segments(input);
  let out = "";
  for (const seg of segs) {
    const open = spanOpen(seg.style);
    out += open ? `${open}${escapeHtml(seg.text)}</span>` : escapeHtml(seg.text);
  }
  // Safe: tags come from spanOpen (built with `html` from class names and numeric colours)
  // and every piece of text went through escapeHtml. Built by hand because this runs on
  // megabytes of output.
  return raw(out);
}

/** Terminal output as plain text: escapes and control sequences removed, carriage returns applied. */
export function stripAnsi(input: string): string {
  return foldCarriageReturns(segments(input))
    .map((s) => s.text)
    .join("");
}
