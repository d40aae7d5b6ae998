/**
 * Compiles one of reno's patterns (Python `re` syntax, compiled VERBOSE | UNICODE) as a
 * JavaScript RegExp with the same meaning for the constructs release patterns use: verbose
 * whitespace and comments, `(?P<name>…)`, `(?P=name)`, Unicode `\d` and `\w`, leading global
 * flags. `anchored` gives Python's `re.match` (a match at the start only) instead of
 * `re.search`. Throws a plain Error naming the construct it cannot translate.
 */
export function pythonRegex(source: string, anchored: boolean): RegExp {
  let flags = "du";
  let src = source;
  const lead = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (lead) {
    const letters = lead[1] as string;
    if (/[aL]/.test(letters)) throw new Error(`the (?${letters}) flags are not supported`);
    for (const f of "ims") if (letters.includes(f)) flags += f;
    src = src.slice(lead[0].length);
  }
  const body = translate(src);
  return new RegExp(anchored ? `^(?:${body})` : body, flags);
}

const WORD = "\\p{L}\\p{N}_";

function translate(src: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (c === "\\") {
      const [text, used] = escapeAt(src, i, inClass);
      out += text;
      i += used - 1;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (/\s/.test(c)) continue;
    if (c === "#") {
      const eol = src.indexOf("\n", i);
      i = eol < 0 ? src.length : eol;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (src[i + 1] === "^") out += src[++i];
      // A `]` first in a set is a literal in Python.
      if (src[i + 1] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === "(" && src.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
      continue;
    }
    if (c === "(" && src.startsWith("(?P=", i)) {
      const close = src.indexOf(")", i);
      out += `\\k<${src.slice(i + 4, close)}>`;
      i = close;
      continue;
    }
    if (c === "(" && /^\(\?[aiLmsux-]+[:)]/.test(src.slice(i)))
      throw new Error("inline flags inside the pattern are not supported");
    if (c === "{" || c === "}") {
      // `{m}`, `{m,n}`, `{m,}` and `{,n}` repeat; any other brace is a literal in Python.
      const q = c === "{" ? /^\{(\d*)(,?)(\d*)\}/.exec(src.slice(i)) : null;
      if (q && (q[1] || q[2])) {
        out += q[2] ? `{${q[1] || "0"},${q[3]}}` : `{${q[1]}}`;
        i += q[0].length - 1;
      } else out += `\\${c}`;
      continue;
    }
    out += c === "]" ? "\\]" : c;
  }
  return out;
}

// One escape sequence at src[i]: its JavaScript text and how many characters it used.
function escapeAt(src: string, i: number, inClass: boolean): [string, number] {
  const n = src[i + 1];
  if (n === undefined) throw new Error("the pattern ends with a backslash");
  switch (n) {
    case "d":
      return ["\\p{Nd}", 2];
    case "D":
      return ["\\P{Nd}", 2];
    case "w":
      return [inClass ? WORD : `[${WORD}]`, 2];
    case "W":
      if (inClass) throw new Error("\\W inside a character set is not supported");
      return [`[^${WORD}]`, 2];
    case "A":
      return ["^", 2];
    case "Z":
      return ["$", 2];
    case "U":
    case "N":
      throw new Error(`\\${n} escapes are not supported`);
  }
  if (/[0-9a-zA-Z]/.test(n)) return [`\\${n}`, 2];
  // Python lets any other character be escaped; JavaScript's Unicode mode only its syntax ones.
  if ("^$\\.*+?()[]{}|/".includes(n) || (inClass && n === "-")) return [`\\${n}`, 2];
  return [n, 2];
}
