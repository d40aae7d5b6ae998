import { spawn } from "node-pty";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  loggedEvents,
  NODE_ARGS,
  ROOT,
  recordedCommand,
  type Sandbox,
  sandbox,
  stacklogJson,
} from "../helpers/cli.js";
import { type Sshd, startSshd } from "../helpers/sshd.js";

// An operator's terminal on a workstation, `ssh -t` to the deploy host, `stacklog shell` there:
// the pseudo-terminal stacklog records in is the one Debian's sshd made, and everything the
// operator's terminal does (keys, Ctrl-C, window size) arrives through the SSH channel.

let sb: Sandbox;
let sshd: Sshd | undefined;
beforeEach(() => {
  sb = sandbox({ SHELL: "/bin/bash" });
  stacklogJson(sb, ["start", "--title", "over ssh"]);
});
afterEach(() => {
  sshd?.stop();
  sb.cleanup();
});

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

describe("stacklog shell over SSH", () => {
  it("records each command with its own output and status, passes Ctrl-C and window resizes through, and ends with the shell's status", async () => {
    sshd = await startSshd(sb.dir);
    // sshd gives the login a fresh environment: the remote command sets the store's.
    const remote = [
      "cd",
      quote(sb.dir),
      "&&",
      "exec",
      "env",
      ...Object.entries(sb.env).map(([k, v]) => quote(`${k}=${v}`)),
      ...[process.execPath, ...NODE_ARGS, "shell"].map(quote),
    ].join(" ");
    const client = spawn("ssh", ["-tt", ...sshd.clientArgs, sshd.destination, remote], {
      cols: 100,
      rows: 30,
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", TERM: "xterm-256color" },
    });
    let screen = "";
    client.onData((d) => {
      screen += d;
    });
    const exited = new Promise<number>((resolve) => client.onExit((e) => resolve(e.exitCode)));
    const waitFor = async (want: string, timeoutMs = 30_000) => {
      const start = Date.now();
      while (!screen.includes(want)) {
        if (Date.now() - start > timeoutMs)
          throw new Error(`the SSH terminal never showed ${want}; it showed:\n${screen}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    const type = async (line: string, expect: string) => {
      client.write(`${line}\r`);
      await waitFor(expect);
    };

    await waitFor("recording this shell");
    await type("echo over-ssh-$((40 + 2))", "over-ssh-42");
    await type("printf '\\033[31mred-%s\\033[0m\\n' $((6 * 7))", "\x1b[31mred-42\x1b[0m");
    await type("stty size; echo size-$((1 + 1))", "size-2");
    client.resize(120, 40);
    await new Promise((r) => setTimeout(r, 300));
    await type("stty size; echo size-$((2 + 2))", "size-4");
    await type("cd /tmp && false; echo cd-$((3 + 3))", "cd-6");
    await type("sleep 30; echo not-$((1 + 1))", "sleep 30");
    await new Promise((r) => setTimeout(r, 500));
    client.write("\x03");
    await type("echo after-$((5 * 5))", "after-25");
    client.write("exit 3\r");
    expect(await exited).toBe(3);

    const events = loggedEvents(sb, ["--kind", "command"]);
    const cmd = (line: string) => recordedCommand(sb, events, line);
    const echo = cmd("echo over-ssh-$((40 + 2))");
    expect(echo.output).toBe("over-ssh-42\r\n");
    expect(echo.p.exitStatus).toBe(0);
    expect(echo.p.cwd).toBe(sb.dir);
    // the terminal is the one sshd allocated for this login
    expect(echo.e.terminal).toMatch(/^pts\/\d+$/);
    expect(echo.e.actor).toBe("rtp@deploy");
    // colours stored as the program wrote them
    expect(cmd("printf '\\033[31mred-%s\\033[0m\\n' $((6 * 7))").output).toBe(
      "\x1b[31mred-42\x1b[0m\r\n",
    );
    // the size the shell saw followed the operator's window, through ssh and sshd
    expect(cmd("stty size; echo size-$((1 + 1))").output).toBe("30 100\r\nsize-2\r\n");
    expect(cmd("stty size; echo size-$((2 + 2))").output).toBe("40 120\r\nsize-4\r\n");
    const failed = cmd("cd /tmp && false; echo cd-$((3 + 3))");
    expect(failed.p.exitStatus).toBe(0);
    expect(failed.p.cwd).toBe(sb.dir);
    const after = cmd("echo after-$((5 * 5))");
    expect(after.p.cwd).toBe("/tmp");
    // Ctrl-C typed on the workstation reached `sleep` on the deploy host
    const sleep = cmd("sleep 30; echo not-$((1 + 1))");
    expect(sleep.p.exitStatus).toBe(130);
    expect(sleep.output).not.toContain("not-2");
    expect(sleep.p.durationMs).toBeLessThan(20_000);
  });
});
