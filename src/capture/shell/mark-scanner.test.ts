import { describe, expect, it } from "vitest";
import { MarkScanner } from "./mark-scanner.js";
import type { Piece } from "./marks.js";
import { pauseSequence } from "./marks.js";

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

describe("MarkScanner with a command line too long for one mark", () => {
  const LONG = `echo LONG2 ${"b".repeat(70_000)} | wc -c`;
  const start = (cwd: string, line: string) => `\x1b]6973;start;${NONCE};${cwd};${line}\x07`;
  const stream = Buffer.from(
    `\x1b]133;C\x07${start("/srv", LONG)}70007\r\n\x1b]6973;end;${NONCE};0;/srv\x07\x1b]133;D;0\x07`,
  );
  const feedIn = (scanner: MarkScanner, whole: Buffer, size: number): Piece[] => {
    const pieces: Piece[] = [];
    for (let i = 0; i < whole.length; i += size)
      pieces.push(...scanner.feed(whole.subarray(i, i + size)));
    return [...pieces, ...scanner.flush()];
  };
  const startLine = (pieces: Piece[]): string | undefined => {
    const found = pieces.find((p) => p.kind === "mark" && p.mark.kind === "start");
    return found?.kind === "mark" && found.mark.kind === "start" ? found.mark.line : undefined;
  };

  it("keeps the command with the first 64 KiB of its line, marked as cut, and no mark byte in the output", () => {
    for (const size of [1000, 4096, 65_536, stream.length]) {
      const seen = describePieces(feedIn(new MarkScanner(NONCE), stream, size));
      expect(seen).toHaveLength(5);
      expect(seen[0]).toBe("bytes:\x1b]133;C\x07");
      expect(seen[1]).toMatch(
        /^mark:\{"kind":"start","cwd":"\/srv","line":"echo LONG2 b{60000,}… \[line cut at 64 KiB\]"\}$/,
      );
      expect(seen.slice(2)).toEqual([
        "bytes:70007\r\n",
        'mark:{"kind":"end","status":0,"cwd":"/srv"}',
        "bytes:\x1b]133;D;0\x07",
      ]);
    }
  });

  it("cuts the line at a whole character and a whole escape", () => {
    for (const line of ["é".repeat(40_000), "%0A".repeat(30_000), "🚀%3B".repeat(10_000)]) {
      for (let shift = 0; shift < 8; shift++) {
        const cwd = "/".repeat(shift + 1);
        const pieces = feedIn(new MarkScanner(NONCE), Buffer.from(start(cwd, line)), 16_384);
        const cut = startLine(pieces)?.replace(/… \[line cut at 64 KiB\]$/, "");
        expect(cut).toMatch(/^(é+|\n+|(🚀;)*🚀?)$/u);
      }
    }
  });

  it("gives the command as soon as 64 KiB of its line came and drops the rest unseen, however long", () => {
    const scanner = new MarkScanner(NONCE);
    const first = scanner.feed(
      Buffer.from(start("/srv", `cat ${"x".repeat(70_000)}`).slice(0, -1)),
    );
    expect(startLine(first)).toMatch(/^cat x+… \[line cut at 64 KiB\]$/);
    const mib = Buffer.alloc(1024 * 1024, "x");
    for (let i = 0; i < 100; i++) expect(scanner.feed(mib)).toEqual([]);
    expect(describePieces(scanner.feed(Buffer.from("x\x07done\r\n")))).toEqual(["bytes:done\r\n"]);
  });

  it("passes on an escape or newline that comes before the end of a cut mark", () => {
    const scanner = new MarkScanner(NONCE);
    const cut = Buffer.from(`${start("/", "y".repeat(70_000)).slice(0, -1)}\x1b[0m\r\n`);
    expect(describePieces(feedIn(scanner, cut, 4096)).slice(1)).toEqual(["bytes:\x1b[0m\r\n"]);
  });

  it("leaves a long sequence without this session's nonce on the screen", () => {
    const forged = Buffer.from(`\x1b]6973;start;ffff;/;${"b".repeat(70_000)}\x07`);
    for (const size of [4096, forged.length])
      expect(describePieces(feedIn(new MarkScanner(NONCE), forged, size))).toEqual([
        `bytes:${forged.toString("utf8")}`,
      ]);
  });
});
