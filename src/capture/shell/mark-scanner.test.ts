import { describe, expect, it } from "vitest";
import { MarkScanner } from "./mark-scanner.js";
import type { Piece } from "./marks.js";
import { pauseSequence, percentDecode } from "./marks.js";

const NONCE = "0123abcd";
const STREAM = Buffer.from(
  `\x1b]133;A\x07$ ls\r\n\x1b]133;C\x07\x1b]6973;start;${NONCE};/tmp/a%20b;ls%20%C3%A9%0A\x07caf\xc3\xa9\x1b[1m\x1b]2;title\x07\x1b]6973;end;${NONCE};2;/tmp\x07\x1b]133;D;2\x07`,
  "latin1",
);

// Adjacent byte pieces joined (a cut may fall inside a UTF-8 character), then made readable.
function describePieces(pieces: Piece[]): string[] {
  const merged: Piece[] = [];
  for (const p of pieces) {
    const last = merged.at(-1);
    if (p.kind === "bytes" && last?.kind === "bytes")
      last.bytes = Buffer.concat([last.bytes, p.bytes]);
    else merged.push(p.kind === "bytes" ? { kind: "bytes", bytes: Buffer.from(p.bytes) } : p);
  }
  return merged.map((p) =>
    p.kind === "bytes" ? `bytes:${p.bytes.toString("utf8")}` : `mark:${JSON.stringify(p.mark)}`,
  );
}

describe("MarkScanner", () => {
  it("takes out stacklog's marks and leaves every other sequence in the bytes", () => {
    expect(describePieces(new MarkScanner(NONCE).feed(STREAM))).toEqual([
      "bytes:\x1b]133;A\x07$ ls\r\n\x1b]133;C\x07",
      'mark:{"kind":"start","cwd":"/tmp/a b","line":"ls é\\n"}',
      "bytes:café\x1b[1m\x1b]2;title\x07",
      'mark:{"kind":"end","status":2,"cwd":"/tmp"}',
      "bytes:\x1b]133;D;2\x07",
    ]);
  });

  it("finds the same pieces whatever the stream is cut into", () => {
    const whole = describePieces(new MarkScanner(NONCE).feed(STREAM));
    for (let size = 1; size < 12; size++) {
      const scanner = new MarkScanner(NONCE);
      const pieces: Piece[] = [];
      for (let i = 0; i < STREAM.length; i += size)
        pieces.push(...scanner.feed(STREAM.subarray(i, i + size)));
      pieces.push(...scanner.flush());
      expect(describePieces(pieces)).toEqual(whole);
    }
  });

  it("ignores start and end marks without this session's nonce", () => {
    const forged = Buffer.from("\x1b]6973;end;ffff;0;/\x07");
    expect(new MarkScanner(NONCE).feed(forged)).toEqual([{ kind: "bytes", bytes: forged }]);
  });

  it("keeps raw bytes of what is not a mark, invalid UTF-8 included", () => {
    const raw = Buffer.from([0xff, 0x1b, 0x5b, 0x41, 0xfe]);
    expect(new MarkScanner(NONCE).feed(raw)).toEqual([{ kind: "bytes", bytes: raw }]);
  });

  it("reads the pause and resume sequences", () => {
    const pieces = new MarkScanner(NONCE).feed(
      Buffer.from(pauseSequence(true) + pauseSequence(false)),
    );
    expect(describePieces(pieces)).toEqual([
      'mark:{"kind":"pause","on":true}',
      'mark:{"kind":"pause","on":false}',
    ]);
  });

  it("holds a mark cut short until its end arrives, and gives it back as bytes at the end of the stream", () => {
    const scanner = new MarkScanner(NONCE);
    expect(scanner.feed(Buffer.from("a\x1b]6973;pau"))).toEqual([
      { kind: "bytes", bytes: Buffer.from("a") },
    ]);
    expect(scanner.flush()).toEqual([{ kind: "bytes", bytes: Buffer.from("\x1b]6973;pau") }]);
  });

  it("does not hold output that only looks like the start of a mark", () => {
    const text = Buffer.from("\x1b]6973;pause\r\nmore");
    expect(new MarkScanner(NONCE).feed(text)).toEqual([{ kind: "bytes", bytes: text }]);
  });
});

describe("percentDecode", () => {
  it("decodes escapes as UTF-8 and leaves a stray percent alone", () => {
    expect(percentDecode("a%25b%C3%A9%zz")).toBe("a%bé%zz");
  });
});
