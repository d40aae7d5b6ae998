import { spawnSync } from "node:child_process";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtEntry, loggedEvents, type Sandbox, sandbox, stacklogJson } from "../helpers/cli.js";

// `stacklog run -- CMD | head -1`: once head has gone, CMD must meet the broken pipe it meets in
// `CMD | head -1`: SIGPIPE (status 141) unless it ignores it, EPIPE then; nothing else.

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "pipes"]);
});
afterEach(() => sb.cleanup());

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

/** `bash -c 'CMD | head -1; echo ${PIPESTATUS[*]}'`, with CMD run by stacklog when `wrapped`. */
function pipeline(
  cmd: string[],
  wrapped: boolean,
  env: Record<string, string> = {},
): { stdout: string; stderr: string } {
  const stacklog = [process.execPath, builtEntry(), "run", "--"];
  const line = [...(wrapped ? stacklog : []), ...cmd].map(quote).join(" ");
  const r = spawnSync("bash", ["-c", `${line} | head -1; echo \${PIPESTATUS[*]}`], {
    cwd: sb.dir,
    env: { ...sb.env, ...env },
    encoding: "utf8",
    timeout: 30_000,
  });
  return { stdout: r.stdout, stderr: r.stderr };
}

describe("stacklog run whose reader goes away", () => {
  it.each([
    [["yes"], "y\n141 0\n"],
    [["seq", "1", "1000000"], "1\n141 0\n"],
  ])("ends `%j | head -1` with SIGPIPE, status 141, and no message", (cmd, shown) => {
    expect(pipeline(cmd, false)).toEqual({ stdout: shown, stderr: "" });
    expect(pipeline(cmd, true)).toEqual({ stdout: shown, stderr: "" });
    const [event] = loggedEvents(sb, ["--kind", "command"]);
    expect(event?.payload).toMatchObject({ exitStatus: 141, signal: "SIGPIPE" });
  });

  it("gives a command that ignores SIGPIPE the EPIPE it gets alone", () => {
    const cmd = ["sh", "-c", "trap '' PIPE; exec yes"];
    const alone = pipeline(cmd, false);
    expect(alone).toEqual({ stdout: "y\n1 0\n", stderr: "yes: standard output: Broken pipe\n" });
    expect(pipeline(cmd, true)).toEqual(alone);
    const [event] = loggedEvents(sb, ["--kind", "command"]);
    expect(event?.payload).toMatchObject({ exitStatus: 1, signal: null });
  });

  it("lets a script go on after the program it ran died of SIGPIPE", () => {
    const cmd = ["sh", "-c", 'yes; echo "after $?" >&2; exit 7'];
    const alone = pipeline(cmd, false);
    expect(alone).toEqual({ stdout: "y\n7 0\n", stderr: "after 141\n" });
    expect(pipeline(cmd, true)).toEqual(alone);
  });

  it("still ends `yes | head -1` with status 141 where no pipe can be made in the temporary folder", () => {
    // stacklog then passes the output through a socket, as Node's own 'pipe' does
    const r = pipeline(["yes"], true, { TMPDIR: `${sb.dir}/missing` });
    expect(r).toEqual({ stdout: "y\n141 0\n", stderr: "" });
  });
});
