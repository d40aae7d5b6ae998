import { fail } from "../../errors/index.js";

const HEADER_EXAMPLE = '{"version": 2, "width": 80, "height": 24}';

/**
 * The text of a recording given as bytes or as a string. Rejects what cannot be an asciicast file
 * (compressed or binary data, invalid UTF-8) with `MalformedRecording` naming the line.
 */
export function recordingText(input: string | Uint8Array, source: string): string {
  const text = typeof input === "string" ? input : decodeUtf8(input, source);
  checkNotBinary(text, source);
  return text.startsWith("\ufeff") ? text.slice(1) : text;
}

function decodeUtf8(bytes: Uint8Array, source: string): string {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    throw fail(
      "MalformedRecording",
      source,
      1,
      "uncompressed text",
      HEADER_EXAMPLE,
      "gzip-compressed data (decompress it first: `gunzip -k FILE`)",
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const { line, col } = position(bytes, at);
    throw fail(
      "MalformedRecording",
      source,
      line,
      "UTF-8 text",
      HEADER_EXAMPLE,
      `byte 0x${(bytes[at] ?? 0).toString(16).padStart(2, "0")} at column ${col}, which is not valid UTF-8`,
    );
  }
}

// JSON text holds no raw control characters but tab, CR and LF: any other means binary data.
function checkNotBinary(text: string, source: string): void {
  const bad = firstControl(text);
  if (bad === -1) return;
  const line = countLines(text, bad);
  throw fail(
    "MalformedRecording",
    source,
    line,
    "text (newline-delimited JSON)",
    HEADER_EXAMPLE,
    `binary data (control character U+${text.charCodeAt(bad).toString(16).padStart(4, "0")})`,
  );
}

function firstControl(text: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return i;
  }
  return -1;
}

function countLines(text: string, end: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < end; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

function position(bytes: Uint8Array, at: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, col: at - lineStart + 1 };
}

/** Offset of the first byte that breaks UTF-8 (only called once decoding has failed). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const len =
      b < 0x80
        ? 1
        : b >= 0xc2 && b <= 0xdf
          ? 2
          : b >= 0xe0 && b <= 0xef
            ? 3
            : b >= 0xf0 && b <= 0xf4
              ? 4
              : 0;
    if (len === 0) return i;
    if (len > 1 && !validSequence(bytes, i, len)) return i;
    i += len;
  }
  return bytes.length;
}

function validSequence(bytes: Uint8Array, i: number, len: number): boolean {
  if (i + len > bytes.length) return false;
  const lead = bytes[i] as number;
  const second = bytes[i + 1] as number;
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
  if (lead === 0xe0 && second < 0xa0) return false;
  if (lead === 0xed && second > 0x9f) return false;
  if (lead === 0xf0 && second < 0x90) return false;
  if (lead === 0xf4 && second > 0x8f) return false;
  for (let k = 1; k < len; k++) if (((bytes[i + k] as number) & 0xc0) !== 0x80) return false;
  return true;
}
