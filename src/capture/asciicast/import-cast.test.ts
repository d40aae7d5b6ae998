import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { StacklogError } from "../../errors/index.js";
import { importCast } from "./index.js";

const FIXTURES = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../test/fixtures/asciicast",
);
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const outputOf = (c: { output: { data: string }[] }) => c.output.map((o) => o.data).join("");

const V2 = '{"version": 2, "width": 80, "height": 24, "timestamp": 1700000000}';
const V3 = '{"version": 3, "term": {"cols": 80, "rows": 24}, "timestamp": 1700000000}';

function thrown(fn: () => unknown): StacklogError {
  try {
    fn();
  } catch (err) {
    if (err instanceof StacklogError) return err;
    throw err;
  }
  throw new Error("expected a StacklogError");
}

describe("importCast on recordings", () => {
  it("reads v3: term size, intervals, comments, input, unknown codes, resize, OSC 7 cwd and statuses", () => {
    const r = importCast(fixture("v3-spec-features.cast"), { sourceName: "v3.cast" });
    expect(r).toMatchObject({
      version: 3,
      title: "v3 features",
      startedAt: 1_767_603_600_000,
      splitBy: "osc133",
    });
    expect(r.warnings).toEqual([]);
    expect(r.commands).toEqual([
      {
        line: "ls",
        startedAt: 1_767_603_600_780,
        endedAt: 1_767_603_600_835,
        exitStatus: 0,
        cwd: "/home/ops/kolla config",
        output: [{ t: 20, data: "globals.yml  passwords.yml\r\n" }],
      },
      {
        line: "grep -r needle .",
        startedAt: 1_767_603_602_455,
        endedAt: 1_767_603_602_705,
        exitStatus: 1,
        cwd: "/home/ops/kolla config",
        output: [],
      },
    ]);
  });

  it("splits a bash session recorded by asciinema 2.2 with OSC 133 marks", () => {
    const r = importCast(fixture("bash-osc133-asciinema-2.2.cast"));
    expect(r.splitBy).toBe("osc133");
    expect(r.commands.map((c) => [c.line, c.exitStatus, c.cwd?.startsWith("/tmp")])).toEqual([
      ["echo hello", 0, true],
      ["ls /nonexistent-dir", 2, true],
      ["cd /tmp", 0, true],
      ["printf 'a\\nb\\n'", 0, true],
      ["echo aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd", 0, true],
      ["echo abcd", 0, true],
      ["exit 3", null, true],
    ]);
    expect(r.commands.map(outputOf)[1]).toBe(
      "ls: cannot access '/nonexistent-dir': No such file or directory\r\n",
    );
  });

  it("splits a bash session recorded by asciinema 2.2 without marks at its prompts", () => {
    const r = importCast(fixture("bash-plain-asciinema-2.2.cast"));
    expect(r.splitBy).toBe("prompt");
    expect(r.commands.map((c) => c.line)).toEqual([
      "echo hello",
      "ls /nonexistent-dir",
      "cd /tmp",
      "printf 'a\\nb\\n'",
      "echo aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd",
      "echo abcd",
      "exit 3",
    ]);
    expect(
      r.commands
        .map(outputOf)
        .map((o) => o.replaceAll("\x1b[?2004h", "").replaceAll("\x1b[?2004l\r", "")),
    ).toEqual([
      "hello\r\n",
      "ls: cannot access '/nonexistent-dir': No such file or directory\r\n",
      "",
      "a\r\nb\r\n",
      "aaaaaaaaaa bbbbbbbbbb cccccccccc dddddddddd\r\n",
      "abcd\r\n",
      "exit\r\n",
    ]);
  });

  it("skips an empty Enter and a line abandoned with Ctrl-C when splitting at prompts", () => {
    const text = [
      V2,
      '[0.1, "o", "host:~# "]',
      '[0.2, "o", "\\r\\nhost:~# "]',
      '[0.3, "o", "sleep 9^C\\r\\nhost:~# "]',
      '[0.4, "o", "uptime\\r\\n"]',
      '[0.5, "o", " 10:00 up 1 day\\r\\nhost:~# "]',
    ].join("\n");
    const r = importCast(text);
    expect(r.splitBy).toBe("prompt");
    expect(r.commands).toEqual([
      {
        line: "uptime",
        startedAt: 1_700_000_000_400,
        endedAt: 1_700_000_000_500,
        exitStatus: null,
        cwd: null,
        output: [{ t: 100, data: " 10:00 up 1 day\r\n" }],
      },
    ]);
  });

  it("gives one command for a recording with neither marks nor prompts, with the v3 exit status", () => {
    const text = [
      '{"version": 3, "term": {"cols": 80, "rows": 24}, "timestamp": 1700000000, "command": "make test"}',
      '[0.5, "o", "building\\r\\n"]',
      '[0.25, "o", "done\\r\\n"]',
      '[0.25, "x", "2"]',
    ].join("\n");
    expect(importCast(text)).toMatchObject({
      splitBy: "single",
      commands: [
        {
          line: "make test",
          startedAt: 1_700_000_000_000,
          endedAt: 1_700_000_001_000,
          exitStatus: 2,
          output: [
            { t: 500, data: "building\r\n" },
            { t: 750, data: "done\r\n" },
          ],
        },
      ],
    });
  });

  it("hides the OpenStack secrets of the header's env in the title, lines, output and warnings", () => {
    const pw = "HdrEnvPw_7781";
    const header = {
      version: 2,
      width: 80,
      height: 24,
      timestamp: 1_700_000_000,
      title: `rotate ${pw}`,
      env: { SHELL: "/bin/bash", OS_PASSWORD: pw, OS_AUTH_URL: "http://keystone:5000/v3" },
    };
    const text = [
      header,
      [0.1, "o", `\x1b]133;A\x07$ \x1b]133;B\x07echo ${pw}\r\n\x1b]133;C\x07`],
      [0.2, "o", "HdrEnv"],
      [0.3, "o", "Pw_7781 http://keystone:5000/v3\r\n"],
    ]
      .map((line) => JSON.stringify(line))
      .join("\n");
    const r = importCast(text);
    const hidden = "[REDACTED env:OS_PASSWORD]";
    expect(r.title).toBe(`rotate ${hidden}`);
    expect(r.commands).toMatchObject([
      {
        line: `echo ${hidden}`,
        output: [{ t: 200, data: `${hidden} http://keystone:5000/v3\r\n` }],
      },
    ]);
    expect(r.warnings.join("\n")).toContain(`"echo ${hidden}" has no end mark`);
    expect(JSON.stringify(r)).not.toContain(pw);
  });

  it("warns about a missing timestamp and counts from 0", () => {
    const r = importCast('{"version": 2, "width": 80, "height": 24}\n[1, "o", "x"]\n');
    expect(r.startedAt).toBe(0);
    expect(r.warnings[0]).toContain("no timestamp");
  });

  it("reads a 0x0 header (asciinema 2.x without a terminal) as 80x24, with a warning, and refuses other sizes", () => {
    const r = importCast(
      '{"version": 2, "width": 0, "height": 0, "timestamp": 1700000000}\n[0.5, "o", "hi\\r\\n"]\n',
    );
    expect(r.commands.map((c) => c.output.map((o) => o.data).join(""))).toEqual(["hi\r\n"]);
    expect(r.warnings.join("\n")).toContain("0x0");
    expect(() => importCast('{"version": 2, "width": 0, "height": 24}\n')).toThrow(/width/);
  });

  it("keeps v2 events in order when times go backwards, with a warning", () => {
    const text = [
      V2,
      '[2, "o", "\\u001b]133;C\\u0007a"]',
      '[1, "o", "b"]',
      '[3, "o", "\\u001b]133;D;0\\u0007"]',
    ].join("\n");
    const r = importCast(text);
    expect(r.commands[0]?.output).toEqual([{ t: 0, data: "ab" }]);
    expect(r.warnings).toContain("line 3: time goes backwards; kept in order");
  });

  it("accepts CRLF line endings and a byte order mark", () => {
    const text = `\ufeff${V2}\r\n[0.5, "o", "hi"]\r\n`;
    expect(importCast(text).commands[0]?.output).toEqual([{ t: 500, data: "hi" }]);
  });

  it("warns about and skips a resize event that is not COLSxROWS", () => {
    const r = importCast(`${V2}\n[0.1, "r", "wide"]\n[0.2, "o", "x"]\n`);
    expect(r.warnings).toContain('line 2: resize data "wide" is not COLSxROWS; ignored');
  });
});

describe("importCast on damaged files", () => {
  const marked = [
    V2,
    '[0.1, "o", "\\u001b]133;A\\u0007$ \\u001b]133;B\\u0007ls\\r\\n\\u001b]133;C\\u0007"]',
    '[0.2, "o", "a.txt\\r\\n\\u001b]133;D;0\\u0007"]',
    '[0.3, "o", "\\u001b]133;A\\u0007$ \\u001b]133;B\\u0007cat a.txt\\r\\n\\u001b]133;C\\u0007"]',
    '[0.4, "o", "line 1\\r\\n"]',
    '[0.5, "o", "line 2\\r\\n\\u001b]133;D;0\\u0007"]',
  ];

  it.each([
    [
      "keeps what was read before a last line cut mid-event and marks the last command partial",
      () => `${marked.join("\n").slice(0, -20)}`,
      "the recording is cut off at line 6; output written after that was lost",
    ],
    [
      "marks the last command partial, with a warning, when the file is cut at a line boundary",
      () => marked.slice(0, -1).join("\n"),
      'line 5: command "cat a.txt" has no end mark (OSC 133;D): the recording ends before it finished; its exit status is unknown',
    ],
  ])("%s", (_, cast, partial) => {
    const r = importCast(cast(), { sourceName: "cut.cast" });
    expect(r.commands.map((c) => c.line)).toEqual(["ls", "cat a.txt"]);
    expect(r.commands[0]?.partial).toBeUndefined();
    expect(r.commands[1]).toMatchObject({
      exitStatus: null,
      output: [{ t: 100, data: "line 1\r\n" }],
    });
    expect(r.commands[1]?.partial).toBe(partial);
    expect(r.warnings).toContain(r.commands[1]?.partial);
  });

  it("does not mark a last `exit` partial: it ended the session", () => {
    const exit = [
      V2,
      '[0.1, "o", "\\u001b]133;A\\u0007$ \\u001b]133;B\\u0007exit 3\\r\\n\\u001b]133;C\\u0007"]',
      '[0.2, "o", "exit\\r\\n"]',
    ];
    const r = importCast(exit.join("\n"));
    expect(r.commands).toMatchObject([{ line: "exit 3", exitStatus: null }]);
    expect(r.commands[0]?.partial).toBeUndefined();
    expect(r.warnings.join("\n")).toContain('"exit 3" has no end mark');
  });

  it("reads a file that ends without a newline after a complete event as whole", () => {
    const r = importCast(marked.join("\n"));
    expect(r.warnings).toEqual([]);
    expect(r.commands.map((c) => c.exitStatus)).toEqual([0, 0]);
  });

  it.each([
    ["an empty file", "", 1, "a JSON object header"],
    ["a header that is not JSON", "hello\n", 1, 'received: "hello"'],
    ["a header cut short", '{"version": 2, "wid', 1, "a JSON object header"],
    ["asciicast v1", '{\n  "version": 1,\n  "stdout": []\n}\n', 1, "asciicast v1?"],
    ["an unknown version", '{"version": 4, "width": 80, "height": 24}\n', 1, "version 4"],
    ["a v2 header without width", '{"version": 2, "height": 24}\n', 1, "`width` and `height`"],
    ["a v3 header without term", '{"version": 3}\n', 1, "`term.cols` and `term.rows`"],
    [
      "a comment before the header",
      '# hi\n{"version": 3, "term": {"cols": 80, "rows": 24}}\n',
      1,
      "comment",
    ],
    [
      "an event that is not an array",
      `${V2}\n[0.1, "o", "a"]\n{"t": 1}\n[0.3, "o", "b"]\n`,
      3,
      '{\\"t\\": 1}',
    ],
    [
      "an event line that is not JSON",
      `${V2}\n[0.1, "o", "a"\n[0.3, "o", "b"]\n`,
      2,
      "[time, code, data]",
    ],
    ["an event with a text time", `${V2}\n["0.1", "o", "a"]\n`, 2, "time is a non-negative number"],
    [
      "an output event without text",
      `${V2}\n[0.1, "o", 42]\n`,
      2,
      'a string as the data of an "o" event',
    ],
    [
      "a v3 interval too large for the clock",
      `${V3}\n[1e308, "o", "a"]\n`,
      2,
      "event intervals adding up to under ten years",
    ],
    [
      "v3 intervals adding up to more than ten years",
      `${V3}\n[2e8, "o", "a"]\n[2e8, "o", "b"]\n`,
      3,
      "event intervals adding up to under ten years",
    ],
    [
      "a v2 event time beyond ten years",
      `${V2}\n[1e300, "o", "a"]\n`,
      2,
      "an event time (seconds since the start) under ten years",
    ],
    [
      "a header timestamp after the year 9999",
      '{"version": 2, "width": 80, "height": 24, "timestamp": 1e20}\n',
      1,
      "timestamp 100000000000000000000",
    ],
    [
      "a header timestamp before 1970",
      '{"version": 2, "width": 80, "height": 24, "timestamp": -1}\n',
      1,
      "within the years 1970 to 9999",
    ],
    [
      "a header timestamp too large for a number",
      '{"version": 3, "term": {"cols": 80, "rows": 24}, "timestamp": 1e400}\n',
      1,
      "timestamp Infinity",
    ],
  ])("rejects %s with MalformedRecording naming the line", (_what, text, line, detail) => {
    const err = thrown(() => importCast(text, { sourceName: "bad.cast" }));
    expect(err.code).toBe("MalformedRecording");
    expect(err.message).toContain(`bad.cast:${line}:`);
    expect(err.message).toContain("expected:");
    expect(err.message).toContain("received:");
    expect(err.message).toContain(detail);
    expect(err.exitCode).toBe(5);
  });

  it("rejects binary data, given as bytes or as text", () => {
    const bytes = Buffer.concat([Buffer.from(`${V2}\n`), Buffer.from([0x00, 0x01, 0x02, 0xff])]);
    expect(thrown(() => importCast(bytes, { sourceName: "b.cast" })).message).toContain(
      "b.cast:2:",
    );
    const err = thrown(() => importCast(`${V2}\n\u0000\u0001`, { sourceName: "b.cast" }));
    expect(err.message).toContain("b.cast:2:");
    expect(err.message).toContain("binary data");
  });

  it("rejects gzip-compressed recordings and says how to decompress them", () => {
    const err = thrown(() =>
      importCast(Buffer.from([0x1f, 0x8b, 0x08, 0x00]), { sourceName: "r.cast.gz" }),
    );
    expect(err.message).toContain("gunzip");
  });

  it("rejects invalid UTF-8 with the line and column of the bad byte", () => {
    const bytes = Buffer.concat([
      Buffer.from(`${V2}\n[0.1, "o", "caf`),
      Buffer.from([0xe9]),
      Buffer.from('"]\n'),
    ]);
    const err = thrown(() => importCast(bytes, { sourceName: "latin1.cast" }));
    expect(err.message).toContain("latin1.cast:2:");
    expect(err.message).toContain("byte 0xe9 at column 16");
  });

  it("reads valid multi-byte UTF-8 given as bytes", () => {
    const r = importCast(Buffer.from(`${V2}\n[0.1, "o", "café ✓ 🚀"]\n`));
    expect(r.commands[0]?.output[0]?.data).toBe("café ✓ 🚀");
  });
});
