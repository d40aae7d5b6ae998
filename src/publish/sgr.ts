/** Terminal text attributes; a colour is "c<n>" (one of the 16 themed colours) or "#rrggbb". */
export interface Style {
  fg: string | null;
  bg: string | null;
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  strike: boolean;
}

/** No attributes: the terminal's default. */
export const PLAIN: Style = {
  fg: null,
  bg: null,
  bold: false,
  dim: false,
  italic: false,
  underline: false,
  inverse: false,
  strike: false,
};

function cubeColour(n: number): string {
  if (n < 16) return `c${n}`;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return hex(v, v, v);
  }
  const i = n - 16;
  const level = (x: number) => (x === 0 ? 0 : 55 + x * 40);
  return hex(level(Math.floor(i / 36)), level(Math.floor(i / 6) % 6), level(i % 6));
}

function hex(r: number, g: number, b: number): string {
  const h = (x: number) =>
    Math.max(0, Math.min(255, x | 0))
      .toString(16)
      .padStart(2, "0");
  return `#${h(r)}${h(g)}${h(b)}`;
}

/** Reads an extended colour (`5;n` or `2;r;g;b`) from params starting at i; returns colour and next index. */
function extendedColour(p: number[], i: number): [string | null, number] {
  if (p[i] === 5) return [cubeColour(p[i + 1] ?? 0), i + 2];
  if (p[i] === 2) return [hex(p[i + 1] ?? 0, p[i + 2] ?? 0, p[i + 3] ?? 0), i + 4];
  return [null, p.length];
}

function parseParams(body: string): number[] {
  if (body === "") return [0];
  // Colon sub-parameters (38:2::r:g:b) are flattened; an empty colour-space id is dropped.
  const norm = body.includes(":") ? body.replace(/:(?=:)/g, "").replace(/:/g, ";") : body;
  return norm.split(";").map((s) => (s === "" ? 0 : Number.parseInt(s, 10) || 0));
}

/** The style after an SGR sequence with parameters `body` (e.g. `1;31`, `38;5;196`). */
export function applySgr(style: Style, body: string): Style {
  const p = parseParams(body);
  const s = { ...style };
  let i = 0;
  while (i < p.length) {
    const n = p[i++] ?? 0;
    if (n === 0) Object.assign(s, PLAIN);
    else if (n === 1) s.bold = true;
    else if (n === 2) s.dim = true;
    else if (n === 3) s.italic = true;
    else if (n === 4) s.underline = true;
    else if (n === 7) s.inverse = true;
    else if (n === 9) s.strike = true;
    else if (n === 22) s.bold = s.dim = false;
    else if (n === 23) s.italic = false;
    else if (n === 24) s.underline = false;
    else if (n === 27) s.inverse = false;
    else if (n === 29) s.strike = false;
    else if (n >= 30 && n <= 37) s.fg = `c${n - 30}`;
    else if (n >= 90 && n <= 97) s.fg = `c${n - 90 + 8}`;
    else if (n >= 40 && n <= 47) s.bg = `c${n - 40}`;
    else if (n >= 100 && n <= 107) s.bg = `c${n - 100 + 8}`;
    else if (n === 39) s.fg = null;
    else if (n === 49) s.bg = null;
    else if (n === 38 || n === 48) {
      const [colour, next] = extendedColour(p, i);
      i = next;
      if (n === 38) s.fg = colour;
      else s.bg = colour;
    }
  }
  return s;
}

/** CSS classes (`a-f1`, `a-bold` …) and inline colours for a style. */
export function classesAndStyle(s: Style): { cls: string; css: string } {
  const fg = s.inverse ? s.bg : s.fg;
  const bg = s.inverse ? s.fg : s.bg;
  const cls: string[] = [];
  const css: string[] = [];
  if (fg?.startsWith("c")) cls.push(`a-f${fg.slice(1)}`);
  else if (fg) css.push(`color:${fg}`);
  if (bg?.startsWith("c")) cls.push(`a-b${bg.slice(1)}`);
  else if (bg) css.push(`background:${bg}`);
  if (s.inverse && !fg) cls.push("a-ifg");
  if (s.inverse && !bg) cls.push("a-ibg");
  if (s.bold) cls.push("a-bold");
  if (s.dim) cls.push("a-dim");
  if (s.italic) cls.push("a-it");
  if (s.underline) cls.push("a-ul");
  if (s.strike) cls.push("a-st");
  return { cls: cls.join(" "), css: css.join(";") };
}
