// Reserved words that open a compound command, with the word that closes it.
const OPENERS: Record<string, string> = {
  if: "fi",
  case: "esac",
  for: "done",
  select: "done",
  while: "done",
  until: "done",
  "{": "}",
};
// After these a command comes next (its first word may be reserved again).
const BEFORE_COMMAND = new Set(["if", "then", "else", "elif", "while", "until", "do", "!", "{"]);
const HEREDOC = /^<<(-?)[ \t]*(['"]?)([^\s'"<>;&|()]+)\2/;
const WORD = /^[^\s;&|()<>'"`\\]+/;

interface Scan {
  quote: "'" | '"' | "`" | null;
  closers: string[];
  heredocs: { delimiter: string; tabs: boolean }[];
  commandNext: boolean;
  /** The line ends in `\`, `|`, `&&` or `||`. */
  continued: boolean;
}

/**
 * Whether a shell would ask for another line after `lines`: a quote, here-document, compound command
 * (`if`, `case`, loops, braces), parenthesis or `$(` left open, or a line ending in `\`, `|`, `&&` or
 * `||`. An approximation (it does not parse arithmetic or `case` patterns fully), used to tell a
 * continuation prompt from output that looks like one.
 */
export function needsMoreInput(lines: readonly string[]): boolean {
  const scan: Scan = {
    quote: null,
    closers: [],
    heredocs: [],
    commandNext: true,
    continued: false,
  };
  let body: { delimiter: string; tabs: boolean }[] = [];
  for (const line of lines) {
    const open = body[0];
    if (open) {
      if ((open.tabs ? line.replace(/^\t+/, "") : line) === open.delimiter) body.shift();
      continue;
    }
    scanLine(line, scan);
    body = scan.heredocs;
    scan.heredocs = [];
    if (scan.quote === null && !scan.continued) scan.commandNext = true;
  }
  return scan.quote !== null || scan.continued || body.length > 0 || scan.closers.length > 0;
}

function scanLine(line: string, scan: Scan): void {
  scan.continued = false;
  let i = 0;
  while (i < line.length) {
    const c = line[i] as string;
    if (scan.quote !== null) {
      i = inQuote(line, i, scan);
      continue;
    }
    if (c === "\\") {
      scan.continued = i === line.length - 1;
      i += 2;
      continue;
    }
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "#") return;
    i = token(line, i, scan);
  }
}

function inQuote(line: string, i: number, scan: Scan): number {
  const c = line[i];
  if (c === "\\" && scan.quote !== "'") return i + 2;
  if (c === scan.quote) scan.quote = null;
  return i + 1;
}

// Reads one operator, quote or word at `i`; returns where the next one starts.
function token(line: string, i: number, scan: Scan): number {
  const c = line[i] as string;
  const rest = line.slice(i);
  scan.continued = false;
  if (c === "'" || c === '"' || c === "`") {
    scan.quote = c;
    scan.commandNext = false;
    return i + 1;
  }
  if (rest.startsWith("$(") || c === "(") {
    scan.closers.push(")");
    scan.commandNext = true;
    return i + (c === "(" ? 1 : 2);
  }
  if (c === ")") {
    // a `case` pattern's parenthesis closes nothing
    if (scan.closers[scan.closers.length - 1] === ")") scan.closers.pop();
    scan.commandNext = true;
    return i + 1;
  }
  const heredoc = HEREDOC.exec(rest);
  if (heredoc) {
    scan.heredocs.push({ delimiter: heredoc[3] as string, tabs: heredoc[1] === "-" });
    return i + heredoc[0].length;
  }
  if (c === ";" || c === "&" || c === "|" || c === "<" || c === ">") {
    const op = /^(?:&&|\|\||;;|\|&|[;&|<>])/.exec(rest)?.[0] ?? c;
    scan.commandNext = op !== "<" && op !== ">";
    scan.continued = op === "|" || op === "&&" || op === "||" || op === "|&";
    return i + op.length;
  }
  const word = WORD.exec(rest)?.[0] ?? c;
  reservedWord(word, scan);
  return i + word.length;
}

function reservedWord(word: string, scan: Scan): void {
  if (!scan.commandNext) return;
  const closer = OPENERS[word];
  if (closer) scan.closers.push(closer);
  else if (word === scan.closers[scan.closers.length - 1]) scan.closers.pop();
  scan.commandNext = BEFORE_COMMAND.has(word);
}
