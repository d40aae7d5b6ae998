import { describe, expect, it } from "vitest";
import { ListRecorder } from "../../../test/fixtures/shell/recorded-shell.js";
import { createRedactor } from "../../redact/index.js";
import { CommandSplitter } from "./command-splitter.js";

const redactor = createRedactor([{ value: "Hunter2-Planted-Secret", label: "test:pw" }]);
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
});
