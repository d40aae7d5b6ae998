import { type StdioOptions, spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StatusResult } from "../../src/cli/commands/status.js";
import type { CommandPayload } from "../../src/journal/index.js";
import {
  type CliResult,
  loggedEvents,
  NODE_ARGS,
  type Sandbox,
  sandbox,
  stacklog,
  stacklogJson,
} from "../helpers/cli.js";
import { recordedShell } from "../helpers/terminal.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox({ SHELL: "/bin/bash" });
  stacklogJson(sb, ["start", "--title", "recorded shells"]);
});
afterEach(() => sb.cleanup());

function commandLines(): string[] {
  return loggedEvents(sb, ["--kind", "command"]).map((e) => (e.payload as CommandPayload).line);
}

/**
 * `stacklog shell` with its input from /dev/null ("ignore") or piped from a string. A session that
 * hangs is killed after a while: spawnSync would otherwise block the test run for good.
 */
function shellFrom(input: "ignore" | string): CliResult & { ms: number } {
  const stdio: StdioOptions = [input === "ignore" ? "ignore" : "pipe", "pipe", "pipe"];
  const started = Date.now();
  const r = spawnSync(process.execPath, [...NODE_ARGS, "shell"], {
    cwd: sb.dir,
    env: sb.env,
    stdio,
    ...(input === "ignore" ? {} : { input }),
    encoding: "utf8",
    timeout: 20_000,
    killSignal: "SIGKILL",
  });
  return {
    status: r.status,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
    ms: Date.now() - started,
  };
}

describe("stacklog shell with input that is not a terminal", () => {
  it("ends at once with status 0 when its input is /dev/null, leaving the journal in order", () => {
    const r = shellFrom("ignore");
    expect([r.signal, r.status], r.stderr).toEqual([null, 0]);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.stderr).toContain('recording of "recorded shells" ended');
    const status = stacklogJson<StatusResult>(sb, ["status"]);
    expect(status).toMatchObject({ store: { ok: true }, running: [], interruptedNow: 0 });
    expect(status.journal?.title).toBe("recorded shells");
    expect(commandLines()).toEqual([]);
  });

  it("runs and records the piped lines, then ends with the shell's status", () => {
    const r = shellFrom("echo hi\n(exit 3)\n");
    expect([r.signal, r.status], r.stderr).toEqual([null, 3]);
    expect(r.stdout).toContain("hi\r\n");
    expect(commandLines()).toEqual(["echo hi", "(exit 3)"]);
  });
});

describe("a recorded shell whose journal is finished from another terminal", () => {
  it("says so once, in run's words, at the first command after, and keeps recording", async () => {
    const { t, type } = await recordedShell(sb);
    await type("echo before-finish", "before-finish\r\n");
    expect(stacklog(sb, ["finish", "--status", "completed"]).status).toBe(0);
    // the line `stacklog run` prints in the same case
    const warning = stacklog(sb, ["run", "--", "true"]).stderr.trim();
    expect(warning).toMatch(/^stacklog: journal \S+ is completed; recording into it anyway/);
    const finishedAt = t.screen().length;
    await type("echo after-finish-$((1 + 1))", "after-finish-2\r\n");
    await t.waitFor(warning);
    await type("echo again-$((2 + 2))", "again-4\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    expect(t.screen().indexOf(warning)).toBeGreaterThan(finishedAt);
    expect(t.screen().split(warning)).toHaveLength(2);
    // on a line of its own, though the terminal is raw
    expect(t.screen()).toContain(`\r\n${warning}\r\n`);
    expect(commandLines()).toEqual([
      "echo before-finish",
      "true",
      "echo after-finish-$((1 + 1))",
      "echo again-$((2 + 2))",
      "exit",
    ]);
  });
});
