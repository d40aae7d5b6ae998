/**
 * Reads the line profile_tasks prints after each banner, e.g.
 * `Wednesday 25 November 2026  08:56:36 +0000 (0:00:00.012)       0:00:00.012 ****`;
 * the bracketed time is how long the previous task took, in ms.
 */
export function parseProfileTiming(line: string): number | null {
  const last = line.charCodeAt(line.length - 1);
  if (last !== 42 && !(last === 32 && line.charCodeAt(line.length - 2) === 42)) return null;
  // No `(` can follow the bracketed time, so only the last `(` can open it.
  const open = line.lastIndexOf("(");
  if (open === -1) return null;
  const hours = digits(line, open + 1);
  if (hours === open + 1 || line.charCodeAt(hours) !== 58) return null;
  if (!isClock(line, hours + 1)) return null;
  const dot = hours + 6;
  let fracEnd = dot;
  if (line.charCodeAt(dot) === 46) {
    fracEnd = digits(line, dot + 1);
    if (fracEnd === dot + 1 || fracEnd - dot - 1 > 6) return null;
  }
  if (line.charCodeAt(fracEnd) !== 41 || !isTotalTime(line, fracEnd + 1)) return null;
  const ms = fracEnd === dot ? 0 : millis(line, dot + 1, fracEnd);
  const minutes = twoDigits(line, hours + 1);
  const seconds = twoDigits(line, hours + 4);
  return (count(line, open + 1, hours) * 3600 + minutes * 60 + seconds) * 1000 + ms;
}

// The first three digits of a fraction as ms: `.5` is 500, `.0123` is 12.
function millis(line: string, from: number, to: number): number {
  let ms = 0;
  for (let i = from; i < from + 3; i++) ms = ms * 10 + (i < to ? line.charCodeAt(i) - 48 : 0);
  return ms;
}

// A run of digits as a number; past 15 digits, as Number() rounds it.
function count(line: string, from: number, to: number): number {
  if (to - from > 15) return Number(line.slice(from, to));
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (line.charCodeAt(i) - 48);
  return n;
}

// After the bracket: spaces, the run's total time `H:MM:SS[.f]`, then only spaces and stars.
function isTotalTime(line: string, from: number): boolean {
  let i = spaces(line, from);
  if (i === from) return false;
  const hours = digits(line, i);
  if (hours === i || line.charCodeAt(hours) !== 58 || !isClock(line, hours + 1)) return false;
  i = hours + 6;
  if (line.charCodeAt(i) === 46 && isDigit(line.charCodeAt(i + 1))) i = digits(line, i + 1);
  i = spaces(line, i);
  while (line.charCodeAt(i) === 42) i++;
  return spaces(line, i) === line.length;
}

// `MM:SS` at `at`.
function isClock(line: string, at: number): boolean {
  return (
    isDigit(line.charCodeAt(at)) &&
    isDigit(line.charCodeAt(at + 1)) &&
    line.charCodeAt(at + 2) === 58 &&
    isDigit(line.charCodeAt(at + 3)) &&
    isDigit(line.charCodeAt(at + 4))
  );
}

function twoDigits(line: string, at: number): number {
  return (line.charCodeAt(at) - 48) * 10 + (line.charCodeAt(at + 1) - 48);
}

function digits(line: string, from: number): number {
  let i = from;
  while (isDigit(line.charCodeAt(i))) i++;
  return i;
}

function spaces(line: string, from: number): number {
  let i = from;
  while (isSpace(line.charCodeAt(i))) i++;
  return i;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// What `\s` matches in a JavaScript regular expression.
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
