import { isAlnum, type Rule } from "./rule.js";
import type { Span } from "./types.js";
import { harmlessValue } from "./values.js";

// Characters that end a URL's authority: white space, its path, query and fragment, and what
// closes the text around a URL.
const END = new Set([...' \t\r\n/?#"<>\\)]},\x1b'].map((c) => c.charCodeAt(0)));
// What a password runs over, up to its `@`: anything but white space and the authority's end.
const PASSWORD_END = new Set([..." \t\r\n/?#\x1b"].map((c) => c.charCodeAt(0)));

function isSchemeChar(c: number): boolean {
  return isAlnum(c) || c === 43 || c === 45 || c === 46;
}

/**
 * Passwords in URLs of any scheme (`mysql+pymysql://`, `amqp://`, `https://`), including every
 * comma-separated host of an oslo.messaging `rabbit://u:p@h1,u:p@h2//` transport URL. A password
 * runs from the colon after the user name to the next `@`, whatever it holds but white space
 * and `/?#` (operators write `,`, `;` and quotes into them unencoded).
 */
export const urlRule: Rule = {
  id: "url-password",
  anchors: ["://"],
  back: 1,
  fwd: 4096,
  lineLocal: true,
  hits(text, at, lo, hi, complete) {
    if (!complete) return null;
    if (at <= lo || !isSchemeChar(text.charCodeAt(at - 1))) return [];
    const spans: Span[] = [];
    let pos = at + 3;
    while (pos < hi) {
      // the user name, up to its colon
      let i = pos;
      while (i < hi && !END.has(text.charCodeAt(i)) && text[i] !== ":" && text[i] !== "@") i++;
      if (text[i] !== ":") break;
      const from = i + 1;
      let j = from;
      while (j < hi && !PASSWORD_END.has(text.charCodeAt(j)) && text[j] !== "@") j++;
      if (text[j] !== "@" || j === from) break;
      if (!harmlessValue(text.slice(from, j)))
        spans.push({ start: from, end: j, label: "url-password" });
      // the host, then the next `user:password@host` of a list, if any
      let k = j + 1;
      while (k < hi && !END.has(text.charCodeAt(k)) && text[k] !== ",") k++;
      if (text[k] !== ",") break;
      pos = k + 1;
    }
    return spans;
  },
};
