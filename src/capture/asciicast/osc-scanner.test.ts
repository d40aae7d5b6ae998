import { describe, expect, it } from "vitest";
import { OscScanner, type Piece, parseOsc } from "./osc-scanner.js";

function scanAll(parts: string[]): Piece[] {
  const scanner = new OscScanner();
  return [...parts.flatMap((p) => scanner.feed(p)), ...scanner.flush()];
}

describe("OscScanner", () => {
  it("cuts OSC 133 marks out of the text, ended by BEL or ST", () => {
    expect(scanAll(["a\x1b]133;A\x07$ \x1b]133;B\x1b\\ls"])).toEqual([
      { kind: "text", text: "a" },
      { kind: "mark", mark: { kind: "prompt" } },
      { kind: "text", text: "$ " },
      { kind: "mark", mark: { kind: "command" } },
      { kind: "text", text: "ls" },
    ]);
  });

  it("finds a mark split across writes", () => {
    expect(scanAll(["out\x1b", "]133;D", ";42\x07next"])).toEqual([
      { kind: "text", text: "out" },
      { kind: "mark", mark: { kind: "end", status: 42 } },
      { kind: "text", text: "next" },
    ]);
  });

  it("leaves colours and other OSC sequences in the text", () => {
    const text = "\x1b[31mred\x1b[0m \x1b]0;title\x07 \x1b]8;;http://x\x07link\x1b]8;;\x07";
    expect(scanAll([text])).toEqual([{ kind: "text", text }]);
  });

  it("gives back an unterminated sequence as text at the end", () => {
    expect(scanAll(["a", "\x1b]133;"])).toEqual([
      { kind: "text", text: "a" },
      { kind: "text", text: "\x1b]133;" },
    ]);
  });
});

describe("parseOsc", () => {
  it("reads D with and without a status, and extra OSC 133 options", () => {
    expect(parseOsc("133;D;0")).toEqual({ kind: "end", status: 0 });
    expect(parseOsc("133;D")).toEqual({ kind: "end", status: null });
    expect(parseOsc("133;A;cl=m")).toEqual({ kind: "prompt" });
    expect(parseOsc("133;Z")).toBeNull();
  });

  it("reads the cwd from an OSC 7 file URL, percent-decoded", () => {
    expect(parseOsc("7;file://deploy1/etc/kolla%20x")).toEqual({
      kind: "cwd",
      path: "/etc/kolla x",
    });
    expect(parseOsc("7;file:///srv")).toEqual({ kind: "cwd", path: "/srv" });
    expect(parseOsc("7;http://x/y")).toBeNull();
  });
});
