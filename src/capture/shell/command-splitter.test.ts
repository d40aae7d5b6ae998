import { describe, expect, it } from "vitest";
import { ListRecorder } from "../../../test/fixtures/shell/recorded-shell.js";
import { createRedactor } from "../../redact/index.js";
import { CommandSplitter } from "./command-splitter.js";
import { MarkScanner } from "./mark-scanner.js";

const redactor = createRedactor([
  { value: "Hunter2-Planted-Secret", label: "test:pw" },
  { value: "correct horse battery staple", label: "test:phrase" },
]);
const splitter = make;
function make(
  recorder: ConstructorParameters<typeof CommandSplitter>[0]["recorder"],
): CommandSplitter {
  return new CommandSplitter({
    recorder,
    redact: () => redactor.stream(),
    now: () => 1000,
    cwd: "/start",
  });
}

describe("CommandSplitter", () => {
  it("gives each command the bytes between its start and end, redacted, with its cwd and status", () => {
    const rec = new ListRecorder();
    const s = splitter(rec);
    s.bytes(Buffer.from("prompt$ typed"));
    s.mark({ kind: "start", line: "cat pw Hunter2-Planted-Secret", cwd: "/srv" });
    s.bytes(Buffer.from("pw: Hunter2-Plan"));
    s.bytes(Buffer.from("ted-Secret\r\n"));
    s.mark({ kind: "end", status: 1, cwd: "/srv/x" });
    s.bytes(Buffer.from("prompt$ "));
    expect(rec.commands).toHaveLength(1);
    expect(rec.commands[0]).toMatchObject({ cwd: "/srv", end: { exitStatus: 1, cwd: "/srv/x" } });
    expect(JSON.stringify(rec.commands)).not.toContain("Hunter2");
    expect(rec.commands[0]?.output).toMatch(/^pw: .*test:pw.*\r\n$/);
  });

  it("ends a command left open when the next one starts or the shell goes", async () => {
    const rec = new ListRecorder();
    const s = splitter(rec);
    s.mark({ kind: "start", line: "a", cwd: "/" });
    s.mark({ kind: "start", line: "b", cwd: "/" });
    await s.close();
    expect(rec.commands.map((c) => c.end?.exitStatus)).toEqual([null, null]);
  });

  it("stops recording, without throwing, once the recorder throws", () => {
    let calls = 0;
    const s = splitter({
      commandStarted: () => {
        calls++;
        throw new Error("store is locked");
      },
      paused: () => {},
    });
    s.mark({ kind: "start", line: "a", cwd: "/" });
    s.mark({ kind: "end", status: 0, cwd: "/" });
    s.mark({ kind: "start", line: "b", cwd: "/" });
    expect(calls).toBe(1);
    expect(s.error).toBe("store is locked");
  });

  it("records a command whose line is too long for one mark, its line cut and redacted", async () => {
    const rec = new ListRecorder();
    const s = splitter(rec);
    const line = `echo Hunter2-Planted-Secret ${"b".repeat(70_000)} | wc -c`;
    const stream = Buffer.from(
      `$ \x1b]6973;start;n0;/srv;${line}\x0770007\r\n\x1b]6973;end;n0;0;/srv\x07$ `,
    );
    const scanner = new MarkScanner("n0");
    for (let i = 0; i < stream.length; i += 4096)
      for (const p of scanner.feed(stream.subarray(i, i + 4096)))
        if (p.kind === "mark") s.mark(p.mark);
        else s.bytes(p.bytes);
    await s.close();
    expect(rec.commands).toHaveLength(1);
    expect(rec.commands[0]).toMatchObject({
      cwd: "/srv",
      output: "70007\r\n",
      end: { exitStatus: 0 },
    });
    expect(rec.commands[0]?.line).toMatch(
      /^echo \[REDACTED test:pw\] b{60000,}… \[line cut at 64 KiB\]$/,
    );
  });

  it("leaves out the end a cut goes through, so no part of a password cut in two is stored", async () => {
    for (const secret of ["Hunter2-Planted-Secret", "correct horse battery staple"])
      for (const shift of [0, 5, 9, 14, 21]) {
        const rec = new ListRecorder();
        const s = splitter(rec);
        // words of 8 bytes up to just before 64 KiB, then the password across the cut
        const words = "word-xx ".repeat(Math.floor((64 * 1024 - 40) / 8) - 1) + "x".repeat(shift);
        const line = `echo ${words} ${secret} and more`;
        const stream = Buffer.from(
          `\x1b]6973;start;n0;/srv;${line}\x07ok\r\n\x1b]6973;end;n0;0;/srv\x07`,
        );
        const scanner = new MarkScanner("n0");
        for (const p of scanner.feed(stream))
          if (p.kind === "mark") s.mark(p.mark);
          else s.bytes(p.bytes);
        await s.close();
        const stored = rec.commands[0]?.line ?? "";
        expect(stored).toMatch(/^echo word-xx .* … \[line cut at 64 KiB\]$/);
        for (let n = 4; n <= secret.length; n++) expect(stored).not.toContain(secret.slice(0, n));
      }
  });
});
