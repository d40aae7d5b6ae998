import { mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PAGED_FILE,
  type Recorded,
  RecordedShell,
} from "../../../test/fixtures/shell/recorded-shell.js";
import { processRuns, requireProgram, waitFor } from "../../../test/fixtures/shell/shells.js";
import { createRedactor } from "../../redact/index.js";
import { HIDDEN_LINE, pauseSequence } from "./index.js";

const SECRET = "Planted-s3cret-Value-8472";
const redactor = createRedactor([{ value: SECRET, label: "test:planted" }]);

// The pause/resume sequences as a shell `printf` format (the terminal must not see a raw ESC typed).
const printfOf = (seq: string) =>
  `printf '${seq.replace("\x1b", "\\033").replace("\x07", "\\007")}'`;

describe.each([
  ["bash", "bash"],
  ["zsh", "zsh"],
])("a %s session recorded by runShellSession", (name, pkg) => {
  let sh: RecordedShell;
  let work: string;
  let exitStatus: number;
  const cmd = (line: string): Recorded => {
    const found = sh.recorder.commands.find((c) => c.line === line);
    if (!found)
      throw new Error(
        `no command ${JSON.stringify(line)} in ${JSON.stringify(sh.recorder.commands)}`,
      );
    return found;
  };

  beforeAll(async () => {
    const shell = requireProgram(name, pkg);
    requireProgram("less");
    work = realpathSync(mkdtempSync(join(tmpdir(), "stacklog-shell-cwd-")));
    sh = new RecordedShell(shell, work, () => redactor.stream());
    let n = 0;
    await sh.run("echo hello", ++n);
    await sh.run("sh -c 'echo to-stderr >&2; exit 3'", ++n);
    await sh.run("for i in 1 2; do\recho $i\rdone", ++n);
    sh.type("sleep 30.7\r");
    // Ctrl-C only once sleep runs: before its exec, the forked shell would swallow the signal.
    await waitFor(
      () => processRuns(["sleep", "30.7"]),
      () => "sleep 30.7 to run",
    );
    sh.type("\x03");
    await sh.finishedCount(++n);
    let from = sh.screen.length;
    sh.type(`less ${PAGED_FILE}\r`);
    await sh.screenShows("second line of the paged file", from);
    sh.type("q");
    await sh.finishedCount(++n);
    await sh.run("printf 'x\\033]133;D;5\\007y\\n'", ++n);
    await sh.run("cd /tmp", ++n);
    await sh.run("pwd", ++n);
    await sh.run("echo bang-$((1 + 1))", ++n);
    await sh.run("!!", ++n);
    await sh.run(`echo "token is ${SECRET}"`, ++n);
    await sh.run(" echo hidden-output", ++n);
    await sh.run('echo "$USER_RC_RAN $STACKLOG_RECORDING $STACKLOG_SHELL_PID"', ++n);
    sh.stdout.columns = 120;
    sh.stdout.rows = 40;
    sh.stdout.emit("resize");
    await sh.run("stty size", ++n);
    await sh.run("printf no-final-newline", ++n);
    await sh.run("ls -l /proc/self/fd", ++n);
    await sh.run(`${printfOf(pauseSequence(true))}; echo after-pause`, ++n);
    from = sh.screen.length;
    sh.type("echo while-paused\r");
    await sh.screenShows("while-paused\r\n", from);
    from = sh.screen.length;
    sh.type(`${printfOf(pauseSequence(false))}\r`);
    await sh.screenShows("\x1b]133;D", from);
    await sh.run("echo after-resume", ++n);
    sh.type("exit\r");
    exitStatus = (await sh.done).exitStatus;
  });

  afterAll(() => {
    sh?.cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("records a passing command with exactly its output, no prompt and no echo", () => {
    expect(cmd("echo hello")).toEqual({
      line: "echo hello",
      cwd: work,
      hidden: false,
      output: "hello\r\n",
      end: { exitStatus: 0, cwd: work },
    });
  });

  it("keeps the exit status and the stderr of a failing command", () => {
    const c = cmd("sh -c 'echo to-stderr >&2; exit 3'");
    expect(c.output).toBe("to-stderr\r\n");
    expect(c.end?.exitStatus).toBe(3);
  });

  it("records a multi-line command as one command with its lines", () => {
    const c = cmd("for i in 1 2; do\necho $i\ndone");
    expect(c.output).toBe("1\r\n2\r\n");
    expect(c.end?.exitStatus).toBe(0);
  });

  it("records a command interrupted with Ctrl-C with status 130", () => {
    expect(cmd("sleep 30.7").end?.exitStatus).toBe(130);
  });

  it("records a full-screen program as one command holding its screen output", () => {
    const c = cmd(`less ${PAGED_FILE}`);
    expect(c.output).toContain("first line of the paged file");
    expect(c.output).not.toContain("\x1b]133");
    expect(c.end?.exitStatus).toBe(0);
  });

  it("keeps shell-integration marks printed by a program inside that program's output", () => {
    const c = sh.recorder.commands.find((x) => x.line.startsWith("printf 'x"));
    expect(c?.output).toBe("x\x1b]133;D;5\x07y\r\n");
    expect(c?.end?.exitStatus).toBe(0);
  });

  it("follows the working directory across cd", () => {
    expect(cmd("cd /tmp").end?.cwd).toBe("/tmp");
    expect(cmd("pwd")).toMatchObject({ cwd: "/tmp", output: "/tmp\r\n" });
  });

  it("stores a planted secret neither in the line nor in the output", () => {
    const c = sh.recorder.commands.find((x) => x.output.includes("token is"));
    expect(c).toBeDefined();
    expect(JSON.stringify(sh.recorder.commands)).not.toContain(SECRET);
    expect(c?.line).toContain("echo");
  });

  it("hides a command typed with a leading space but keeps its status", () => {
    const c = cmd(HIDDEN_LINE);
    expect(c).toMatchObject({ hidden: true, output: "", end: { exitStatus: 0 } });
    expect(JSON.stringify(sh.recorder.commands)).not.toContain("hidden-output");
  });

  it("records a history expansion (`!!`) as the command it ran", () => {
    const runs = sh.recorder.commands.filter((c) => c.line === "echo bang-$((1 + 1))");
    expect(runs.map((c) => c.output)).toEqual(["bang-2\r\n", "bang-2\r\n"]);
    expect(sh.recorder.commands.some((c) => c.line === "!!")).toBe(false);
  });

  it("runs the user's own rc file and exports the recording markers", () => {
    const c = cmd('echo "$USER_RC_RAN $STACKLOG_RECORDING $STACKLOG_SHELL_PID"');
    expect(c.output).toBe(`${name} 1 ${process.pid}\r\n`);
    // the user's own prompt hook still runs, and what it prints is in no command's output
    expect(sh.screen).toContain(name === "zsh" ? "-- user precmd --" : "-- user prompt command --");
    expect(JSON.stringify(sh.recorder.commands)).not.toContain("-- user");
  });

  it("passes window size changes on to the shell's terminal", () => {
    expect(cmd("stty size").output).toBe("40 120\r\n");
  });

  it("keeps the output of a command without a final newline exact, zsh's PROMPT_SP off it", () => {
    expect(cmd("printf no-final-newline").output).toBe("no-final-newline");
    if (name === "zsh") {
      // After the output and its end marks, before the next prompt: the mark (% or, for root,
      // #) padded to the new width (120), then CR.
      const after = sh.screen.slice(sh.screen.indexOf("no-final-newline"));
      const sign = process.getuid?.() === 0 ? "#" : "%";
      const mark = `\x1b[1m\x1b[7m${sign}\x1b[27m\x1b[1m\x1b[0m${" ".repeat(119)}\r \r`;
      expect(after.indexOf("\x1b]133;D;0\x07")).toBeGreaterThan(0);
      expect(after.indexOf(mark)).toBeGreaterThan(after.indexOf("\x1b]133;D;0\x07"));
      expect(after.indexOf(mark)).toBeLessThan(after.indexOf("[rec] "));
    }
  });

  it("leaves no descriptor of its own open in the programs the operator runs", () => {
    const terminals = cmd("ls -l /proc/self/fd")
      .output.split("\r\n")
      .filter((l) => / -> \/dev\/(pts\/|tty)/.test(l))
      .map((l) => l.split(" -> ")[0]?.split(" ").at(-1));
    expect(terminals.length).toBeGreaterThan(0);
    for (const fd of terminals) expect(["0", "1", "2"]).toContain(fd);
  });

  it("stops storing between pause and resume", () => {
    const paused = sh.recorder.commands.find((c) => c.line.endsWith("echo after-pause"));
    expect(paused?.output).toBe("");
    expect(paused?.end?.exitStatus).toBe(0);
    expect(sh.recorder.pauses).toEqual([true, false]);
    expect(JSON.stringify(sh.recorder.commands)).not.toContain("while-paused");
    expect(cmd("echo after-resume").output).toBe("after-resume\r\n");
  });

  it("shows the banner and [rec] prompt, and keeps stacklog's private sequences off the screen", () => {
    expect(sh.screen.startsWith("stacklog: recording this shell\r\n")).toBe(true);
    expect(sh.screen).toContain("[rec] user");
    expect(sh.screen).toContain("\x1b]133;D;0\x07");
    expect(sh.screen).not.toContain("\x1b]6973");
  });

  it("ends when the shell exits, with its status, the status of the command that ended it", () => {
    expect(exitStatus).toBe(0);
    expect(cmd("exit").end).toEqual({ exitStatus: 0, cwd: "/tmp" });
  });

  it("marks a command cut short by its shell dying as interrupted, keeping the output before", async () => {
    const dying = new RecordedShell(requireProgram(name, pkg), work, () => redactor.stream());
    try {
      await dying.run("echo before", 1);
      dying.type("echo partial-$((6 * 7)); kill -9 $$\r");
      expect((await dying.done).exitStatus).toBe(137);
      const last = dying.recorder.commands.at(-1);
      expect(last?.line).toBe("echo partial-$((6 * 7)); kill -9 $$");
      expect(last?.output).toBe("partial-42\r\n");
      expect(last?.end).toEqual({ exitStatus: 137, cwd: work, interrupted: true });
    } finally {
      dying.cleanup();
    }
  });
});

describe.each([
  ["bash", "bash"],
  ["zsh", "zsh"],
])("a %s session whose input is not a terminal", (name, pkg) => {
  let work: string;
  const shells: RecordedShell[] = [];
  const start = (): RecordedShell => {
    const sh = new RecordedShell(requireProgram(name, pkg), work, () => redactor.stream());
    shells.push(sh);
    return sh;
  };

  beforeAll(() => {
    work = realpathSync(mkdtempSync(join(tmpdir(), "stacklog-shell-input-")));
  });

  afterAll(() => {
    for (const sh of shells) sh.cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  // A session that never ends fails on the timeout.
  it("ends with status 0 when the input is empty, though it ends before the shell has started", async () => {
    const sh = start();
    sh.stdin.end();
    expect((await sh.done).exitStatus).toBe(0);
    expect(sh.recorder.commands).toEqual([]);
  }, 15_000);

  it("runs the piped lines, then ends with the status of the last one", async () => {
    const sh = start();
    sh.stdin.end("echo piped-$((1 + 1))\n(exit 3)\n");
    expect((await sh.done).exitStatus).toBe(3);
    expect(sh.recorder.commands.map((c) => [c.line, c.output, c.end?.exitStatus])).toEqual([
      ["echo piped-$((1 + 1))", "piped-2\r\n", 0],
      ["(exit 3)", "", 3],
    ]);
  }, 15_000);

  it("ends when the input ends while the shell waits at its prompt", async () => {
    const sh = start();
    await sh.run("(exit 4)", 1);
    await sh.screenShows("\x1b]133;B", sh.screen.lastIndexOf("\x1b]133;D"));
    sh.stdin.end();
    expect((await sh.done).exitStatus).toBe(4);
    expect(sh.recorder.commands).toHaveLength(1);
  }, 15_000);

  it("runs a last line that has no newline, as the shell runs one at the end of a script", async () => {
    const sh = start();
    sh.stdin.end("echo unfinished-$((2 + 2))");
    expect((await sh.done).exitStatus).toBe(0);
    expect(sh.recorder.commands.map((c) => [c.line, c.output])).toEqual([
      ["echo unfinished-$((2 + 2))", "unfinished-4\r\n"],
    ]);
  }, 15_000);
});
