import { describe, expect, it } from "vitest";
import { exportCast, importCast } from "./index.js";
import type { CastCommand, CastInput, ImportedCommand } from "./types.js";

const T0 = Date.UTC(2026, 2, 1, 22, 0, 0, 437);

const COMMANDS: CastCommand[] = [
  {
    line: "kolla-ansible -i /etc/kolla/multinode --limit control01,control02,control03 upgrade --tags keystone,glance",
    startedAt: T0 + 2_000,
    endedAt: T0 + 65_000,
    exitStatus: 0,
    chunks: [
      { t: 120, data: "PLAY [Apply role keystone] \x1b[0;33m***\x1b[0m\r\n" },
      { t: 40_000, data: "\x1b[0;32mok: [control01]\x1b[0m ✓ → 🚀\r" },
      { t: 40_001, data: "\n" },
      { t: 62_500, data: "PLAY RECAP\r\ncontrol01 : ok=12 failed=0\r\n" },
    ],
  },
  {
    line: "for h in control01 control02; do\n  ssh $h uptime\ndone",
    startedAt: T0 + 70_000,
    endedAt: T0 + 71_234,
    exitStatus: 255,
    cwd: "/etc/kolla/config files",
    chunks: [{ t: 1_000, data: "ssh: connect to host control02 port 22: No route to host\r\n" }],
  },
  {
    line: "openstack server list",
    startedAt: T0 + 80_000,
    endedAt: T0 + 80_500,
    exitStatus: null,
    cwd: "/root",
    chunks: [],
  },
  {
    line: "sleep 600",
    startedAt: T0 + 90_000,
    endedAt: T0 + 91_000,
    exitStatus: 130,
    cwd: "/root",
    chunks: [{ t: 999, data: "^C\r\n" }],
  },
];

const INPUT: CastInput = {
  title: "Yoga to Zed",
  cols: 80,
  rows: 24,
  startedAt: T0,
  commands: COMMANDS,
};

function expected(c: CastCommand, cwd: string | null): ImportedCommand {
  return {
    line: c.line,
    startedAt: c.startedAt,
    endedAt: c.endedAt as number,
    exitStatus: c.exitStatus,
    cwd,
    output: [...c.chunks],
  };
}

describe("export then import", () => {
  it.each([2, 3] as const)(
    "gives back the same command lines, outputs, times, cwds and statuses (v%i)",
    (version) => {
      const r = importCast([...exportCast(INPUT, version)].join(""));
      expect(r).toMatchObject({ version, title: "Yoga to Zed", splitBy: "osc133", warnings: [] });
      expect(r.commands).toEqual([
        expected(COMMANDS[0] as CastCommand, null),
        expected(COMMANDS[1] as CastCommand, "/etc/kolla/config files"),
        expected(COMMANDS[2] as CastCommand, "/root"),
        expected(COMMANDS[3] as CastCommand, "/root"),
      ]);
    },
  );

  it("ends a command without an end time at its last output", () => {
    const cmd: CastCommand = {
      line: "tail -f log",
      startedAt: T0,
      endedAt: null,
      exitStatus: null,
      chunks: [{ t: 5, data: "x\r\n" }],
    };
    const [back] = importCast([...exportCast({ ...INPUT, commands: [cmd] }, 3)].join("")).commands;
    expect(back).toMatchObject({ line: "tail -f log", endedAt: T0 + 5, exitStatus: null });
  });

  it("keeps fractional-millisecond chunk times within half a millisecond in v3", () => {
    const chunks = Array.from({ length: 50 }, (_, i) => ({ t: i * 0.4, data: `${i}\r\n` }));
    const cmd: CastCommand = {
      line: "seq 50",
      startedAt: T0 + 1,
      endedAt: T0 + 30,
      exitStatus: 0,
      chunks,
    };
    const [back] = importCast([...exportCast({ ...INPUT, commands: [cmd] }, 3)].join("")).commands;
    const text = back?.output.map((o) => o.data).join("");
    expect(text).toBe(chunks.map((c) => c.data).join(""));
    for (const o of back?.output ?? []) {
      const first = chunks.find((c) => o.data.startsWith(c.data)) as { t: number };
      expect(Math.abs(o.t - first.t)).toBeLessThanOrEqual(0.5);
    }
  });

  it("splits an export without marks at its prompts, with the same lines and outputs", () => {
    const single = COMMANDS.filter((c) => !c.line.includes("\n"));
    const r = importCast(
      [...exportCast({ ...INPUT, commands: single }, 2, { marks: false })].join(""),
    );
    expect(r.splitBy).toBe("prompt");
    expect(r.commands.map((c) => c.line)).toEqual(single.map((c) => c.line));
    expect(r.commands.map((c) => c.output.map((o) => o.data).join(""))).toEqual(
      single.map((c) => Array.from(c.chunks, (o) => o.data).join("")),
    );
  });
});

describe("import of a recording exportCast wrote", () => {
  const FORGER: CastCommand = {
    line: "printf 'fake \\033]133;D;7\\007 and \\033]133;A\\007$ fakecmd\\r\\n\\033]133;C\\007fakeout\\r\\n'",
    startedAt: T0 + 1_000,
    endedAt: T0 + 1_200,
    exitStatus: 0,
    cwd: "/root",
    chunks: [
      {
        t: 100,
        data: "fake \x1b]133;D;7\x07 and \x1b]133;A\x07$ fakecmd\r\n\x1b]133;C\x07fakeout\r\n",
      },
      // a chunk holding nothing but an end mark, as the real one is written
      { t: 150, data: "\x1b]133;D;9\x07" },
    ],
  };
  const AFTER: CastCommand = {
    line: "echo second",
    startedAt: T0 + 2_000,
    endedAt: T0 + 2_100,
    exitStatus: 2,
    cwd: "/",
    chunks: [{ t: 50, data: "second\r\n" }],
  };

  it.each([2, 3] as const)(
    "keeps OSC 133 marks a command's output holds as output, byte for byte (v%i)",
    (version) => {
      const r = importCast(
        [...exportCast({ ...INPUT, commands: [FORGER, AFTER] }, version)].join(""),
      );
      expect(r.warnings).toEqual([]);
      expect(r.commands).toEqual([expected(FORGER, "/root"), expected(AFTER, "/")]);
    },
  );

  it.each([2, 3] as const)(
    "marks the last command partial, with a warning, when the file is cut at a line boundary (v%i)",
    (version) => {
      const lines = [...exportCast({ ...INPUT, commands: [FORGER, AFTER] }, version)];
      // the header; FORGER's marker, prompt, line, two chunks and end; AFTER's marker, prompt, line, output
      const r = importCast(lines.slice(0, 11).join(""));
      expect(r.commands.map((c) => [c.line, c.exitStatus])).toEqual([
        [FORGER.line, 0],
        ["echo second", null],
      ]);
      expect(r.commands[0]?.partial).toBeUndefined();
      expect(r.commands[1]?.output).toEqual(AFTER.chunks);
      expect(r.commands[1]?.partial).toContain("has no end mark (OSC 133;D)");
      expect(r.warnings).toEqual([r.commands[1]?.partial]);
    },
  );

  it("splits at OSC 133 marks when the markers are not as exportCast writes them", () => {
    const text = [...exportCast({ ...INPUT, commands: [AFTER] }, 2)]
      .join("")
      .replace('"m","echo second"', '"m","a chapter"');
    const r = importCast(text);
    expect(r.commands.map((c) => [c.line, c.exitStatus])).toEqual([["echo second", 2]]);
  });
});
