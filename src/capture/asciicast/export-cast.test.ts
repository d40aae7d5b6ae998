import { describe, expect, it } from "vitest";
import type { OutputChunk } from "../../journal/index.js";
import { CrlfWriter } from "./export-cast.js";
import { exportCast } from "./index.js";
import type { CastCommand, CastInput } from "./types.js";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0, 0);

function input(commands: CastCommand[], extra: Partial<CastInput> = {}): CastInput {
  return { title: "upgrade", startedAt: T0, commands, ...extra };
}

const LS: CastCommand = {
  line: "ls /etc/kolla",
  startedAt: T0 + 1000,
  endedAt: T0 + 1500,
  exitStatus: 0,
  cwd: "/root",
  chunks: [{ t: 200, data: "globals.yml\r\n" }],
};
const FALSE: CastCommand = {
  line: "false",
  startedAt: T0 + 3000,
  endedAt: T0 + 3010,
  exitStatus: 1,
  chunks: [],
};

function lines(inp: CastInput, version: 2 | 3, marks = true): unknown[] {
  const text = [...exportCast(inp, version, { marks })].join("");
  expect(text.endsWith("\n")).toBe(true);
  return text
    .trimEnd()
    .split("\n")
    .map((l) => JSON.parse(l));
}

describe("exportCast", () => {
  it("writes a v2 header with width, height, timestamp and title, then absolute times", () => {
    const [header, ...events] = lines(
      input([LS, FALSE], { cols: 132, rows: 40, env: { SHELL: "/bin/bash" } }),
      2,
    );
    expect(header).toEqual({
      version: 2,
      width: 132,
      height: 40,
      timestamp: T0 / 1000,
      title: "upgrade",
      env: { SHELL: "/bin/bash" },
    });
    expect(events.map((e) => (e as [number])[0])).toEqual([1, 1, 1, 1.2, 1.5, 3, 3, 3, 3.01]);
  });

  it("writes a v3 header with term size and intervals, ending with an x event for the last exit status", () => {
    const [header, ...events] = lines(input([LS, FALSE], { idleTimeLimit: 2 }), 3);
    expect(header).toEqual({
      version: 3,
      term: { cols: 80, rows: 24 },
      timestamp: T0 / 1000,
      idle_time_limit: 2,
      title: "upgrade",
    });
    expect(events.map((e) => (e as [number])[0])).toEqual([1, 0, 0, 0.2, 0.3, 1.5, 0, 0, 0.01, 0]);
    expect(events[events.length - 1]).toEqual([0, "x", "1"]);
  });

  it("leaves out the x event when the last exit status is unknown", () => {
    const events = lines(input([{ ...FALSE, exitStatus: null }]), 3);
    expect(events.some((e) => (e as string[])[1] === "x")).toBe(false);
  });

  it("counts time from the header's whole second, so sub-second starts are kept", () => {
    const [header, first] = lines(input([LS], { startedAt: T0 + 750 }), 2);
    expect(header).toMatchObject({ timestamp: T0 / 1000 });
    expect(first).toEqual([1, "m", "ls /etc/kolla"]);
  });

  it("starts a recording of one command within a second of 0 when given that command's start", () => {
    // `export --event N` passes the command's start (not the journal's) as the recording's
    const late = { ...LS, startedAt: T0 + 744_758, endedAt: T0 + 745_000 };
    const [header, ...events] = lines(input([late], { startedAt: late.startedAt }), 2) as [
      Record<string, unknown>,
      ...[number, string, string][],
    ];
    expect(header.timestamp).toBe((T0 + 744_000) / 1000);
    expect(events[0]).toEqual([0.758, "m", "ls /etc/kolla"]);
    expect(events[events.length - 1]?.[0]).toBe(1);
  });

  it("labels one marker per command with its command line, at the command's start", () => {
    const events = lines(input([LS, FALSE]), 2).slice(1) as [number, string, string][];
    expect(events.filter((e) => e[1] === "m")).toEqual([
      [1, "m", "ls /etc/kolla"],
      [3, "m", "false"],
    ]);
  });

  it("writes the prompt, the command line and OSC 133 A/B/C/D;status and OSC 7 marks", () => {
    const out = (lines(input([LS]), 2).slice(1) as [number, string, string][])
      .filter((e) => e[1] === "o")
      .map((e) => e[2])
      .join("");
    expect(out).toBe(
      "\x1b]7;file:///root\x07\x1b]133;A\x07\x1b[1;34m/root\x1b[0m $ \x1b]133;B\x07ls /etc/kolla\r\n\x1b]133;C\x07globals.yml\r\n\x1b]133;D;0\x07",
    );
  });

  it("writes no marks when asked not to", () => {
    const out = (
      lines(input([{ ...LS, cwd: undefined }]), 2, false).slice(1) as [number, string, string][]
    )
      .filter((e) => e[1] === "o")
      .map((e) => e[2]);
    expect(out).toEqual(["$ ", "ls /etc/kolla\r\n", "globals.yml\r\n"]);
  });

  it("writes an end mark without status for a command whose status is unknown", () => {
    const events = lines(input([{ ...FALSE, exitStatus: null, endedAt: null }]), 2);
    expect(events[events.length - 1]).toEqual([3, "o", "\x1b]133;D\x07"]);
  });

  it("never lets time run backwards when commands overlap", () => {
    const overlapping = { ...FALSE, startedAt: T0 + 1200, endedAt: T0 + 1300 };
    const times = (lines(input([LS, overlapping]), 2).slice(1) as [number][]).map((e) => e[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("reads commands and chunks only as the lines are taken", () => {
    function* endless(): Generator<OutputChunk> {
      for (let t = 0; ; t++) yield { t, data: `line ${t}\n` };
    }
    function* commands(): Generator<CastCommand> {
      yield { line: "yes", startedAt: T0, endedAt: null, exitStatus: null, chunks: endless() };
      throw new Error("read past what was asked");
    }
    const taken: string[] = [];
    for (const line of exportCast(input([], { commands: commands() }), 3)) {
      taken.push(line);
      if (taken.length === 10) break;
    }
    expect(JSON.parse(taken[9] as string)).toEqual([0.001, "o", "line 5\r\n"]);
  });
});

describe("CrlfWriter", () => {
  it("writes bare LFs as CRLF and leaves CRLF alone, across chunk boundaries", () => {
    const w = new CrlfWriter();
    expect(["a\nb", "\r", "\nc\r\n", "\n"].map((d) => w.write(d))).toEqual([
      "a\r\nb",
      "\r",
      "\nc\r\n",
      "\r\n",
    ]);
  });
});
