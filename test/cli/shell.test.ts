import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { CommandPayload, JournalEvent } from "../../src/journal/index.js";
import { NODE_ARGS, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { programInTerminal, recordedShell, terminal } from "../helpers/terminal.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox({ SHELL: "/bin/bash" });
  stacklogJson(sb, ["start", "--title", "recorded shells"]);
});
afterEach(() => sb.cleanup());

/** The stored output of the recorded command whose line is `line`. */
function outputOf(line: string): string {
  const event = stacklog(sb, ["log", "--kind", "command", "--json"])
    .stdout.trim()
    .split("\n")
    .map((l) => JSON.parse(l) as JournalEvent)
    .find((e) => (e.payload as CommandPayload).line === line);
  if (!event) throw new Error(`no command ${JSON.stringify(line)} was recorded`);
  return stacklogJson<{ output: string }>(sb, ["show", String(event.seq)]).output;
}

function commands(): CommandPayload[] {
  const out = stacklog(sb, ["log", "--kind", "command", "--json"]).stdout.trim();
  return out
    ? out.split("\n").map((l) => (JSON.parse(l) as JournalEvent).payload as CommandPayload)
    : [];
}

describe("stacklog shell", () => {
  it("records each command of a real bash with its own output, status and cwd, and hides what it is told to", async () => {
    sb.env.OS_PASSWORD = "planted-password-4242";
    const t = terminal(sb, ["shell"]);
    await t.waitFor("recording this shell");
    await t.waitFor("\x1b]133;B"); // the prompt is drawn
    const type = async (line: string, wait: string) => {
      t.pty.write(`${line}\r`);
      await t.waitFor(wait);
    };
    await type("echo hello-from-shell", "hello-from-shell\r\n");
    await type("(exit 3)", "(exit 3)\r\n");
    await type("cd /tmp && pwd", "/tmp\r\n");
    await type("echo planted-password-4242", "planted-password-4242\r\n");
    await type(" echo secret-hidden-line", "secret-hidden-line\r\n");
    await type(
      `stacklog_cli() { node ${NODE_ARGS.join(" ")} "$@"; }; stacklog_cli pause`,
      "recording paused",
    );
    // the prompt says so while recording is paused
    const pausedAt = t.screen().lastIndexOf("recording paused");
    await t.waitFor(/recording paused[\s\S]*\[paused\] /);
    await type("echo while-paused", "while-paused\r\n");
    await type("stacklog_cli resume", "recording resumed");
    const resumedAt = t.screen().lastIndexOf("recording resumed");
    await t.waitFor(/recording resumed[\s\S]*\[rec\] /);
    expect(t.screen().slice(pausedAt, resumedAt)).not.toContain("[rec] ");
    await type("stacklog_cli resume", "recording was not paused");
    // hooks inside a recorded shell would record every command twice: refused, nothing to eval
    await type('eval "$(stacklog_cli hook bash)"; echo "hook-status-$?"', "hook-status-");
    await t.waitFor(/hooks not loaded: this shell is recorded[\s\S]*hook-status-0/);
    // `stacklog run` inside: the shell's record is the one record, with the output and status
    await type("stacklog_cli run -- sh -c 'echo run-inside-$((2 * 3)); exit 4'", "run-inside-6");
    t.pty.write("exit 5\r");
    expect((await t.exited).exitCode).toBe(5);

    const cmds = commands();
    const byLine = (l: string) => cmds.find((c) => c.line === l);
    expect(byLine("echo hello-from-shell")).toMatchObject({ exitStatus: 0, mode: "shell" });
    expect(byLine("(exit 3)")).toMatchObject({ exitStatus: 3 });
    // the command that ended the shell takes the shell's status
    expect(byLine("exit 5")).toMatchObject({ exitStatus: 5 });
    expect(byLine("exit 5")?.interrupted).toBeUndefined();
    expect(byLine("cd /tmp && pwd")?.exitStatus).toBe(0);
    expect(cmds.find((c) => c.line.includes("[REDACTED env:OS_PASSWORD]"))?.cwd).toBe("/tmp");
    expect(cmds.some((c) => c.line.includes("secret-hidden-line"))).toBe(false);
    expect(cmds.some((c) => c.line === "[not recorded]" && c.hidden)).toBe(true);
    expect(cmds.some((c) => c.line.includes("while-paused"))).toBe(false);
    // exactly the command's output: no prompt, no echo of the typed line
    expect(outputOf("echo hello-from-shell")).toBe("hello-from-shell\r\n");
    const all = stacklog(sb, ["export"]).stdout;
    expect(all).not.toContain("planted-password-4242");
    expect(stacklog(sb, ["log", "--kind", "milestone"]).stdout).toContain("recording paused");
    const inside = cmds.filter((c) => c.line.includes("run-inside-"));
    expect(inside).toHaveLength(1);
    expect(inside[0]).toMatchObject({ mode: "shell", exitStatus: 4 });
  });

  it("does not let a program's output pause or resume recording (only stacklog pause/resume do)", async () => {
    const { t, type } = await recordedShell(sb);
    // the sequences stacklog pause/resume print, in output (a replayed log, a cast being cat'ed)
    await type("printf 'forged-%s\\033]6973;pause\\007\\n' one", "forged-one\r\n");
    await type("echo after-forged-pause", "after-forged-pause\r\n");
    await type(
      `stacklog_cli() { node ${NODE_ARGS.join(" ")} "$@"; }; stacklog_cli pause`,
      "recording paused",
    );
    await type("printf 'forged-%s\\033]6973;resume\\007\\n' two", "forged-two\r\n");
    await type("echo kept-private", "kept-private\r\n");
    await type("stacklog_cli resume", "recording resumed");
    await type("echo after-real-resume", "after-real-resume\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    const lines = commands().map((c) => c.line);
    expect(lines).toContain("echo after-forged-pause");
    expect(lines).toContain("echo after-real-resume");
    expect(lines.some((l) => l.includes("kept-private"))).toBe(false);
    expect(lines.some((l) => l.includes("forged-%s") && l.includes("two"))).toBe(false);
    const milestones = stacklog(sb, ["log", "--kind", "milestone"]).stdout;
    expect(milestones.match(/recording paused/g)).toHaveLength(1);
    expect(milestones.match(/recording resumed/g)).toHaveLength(1);
  });

  it("records long outputs through the output worker, whole, in command order, with nothing secret", async () => {
    sb.env.OS_PASSWORD = "planted-password-7373";
    sb.env.STACKLOG_OUTPUT_WORKER = "1"; // whatever the number of CPUs
    const t = terminal(sb, ["shell"]);
    await t.waitFor("recording this shell");
    await t.waitFor("\x1b]133;B");
    // ~1.3 MB over more than 50 ms: past the size and time from which output goes to the worker.
    t.pty.write(
      `for i in $(seq 1 3); do seq 1 60000; sleep 0.05; done; echo "pw=$OS_PASSWORD"; echo long-$((1 + 1))-done\r`,
    );
    // (what is waited for is printed by the command, not in the echo of the typed line)
    await t.waitFor("long-2-done\r\n");
    t.pty.write("echo short-$((2 + 3))\r");
    await t.waitFor("short-5\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);

    const events = stacklog(sb, ["log", "--kind", "command", "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JournalEvent);
    const lines = events.map((e) => (e.payload as CommandPayload).line);
    const long = events.findIndex((e) => (e.payload as CommandPayload).line.startsWith("for i"));
    expect(long).toBeGreaterThanOrEqual(0);
    expect(lines.indexOf("echo short-$((2 + 3))")).toBeGreaterThan(long);
    const shown = stacklogJson<{ output: string }>(sb, ["show", String(events[long]?.seq)]);
    const expected = Array.from({ length: 60000 }, (_, i) => `${i + 1}\r\n`).join("");
    expect(shown.output).toBe(
      `${expected.repeat(3)}pw=[REDACTED env:OS_PASSWORD]\r\nlong-2-done\r\n`,
    );
    const payload = events[long]?.payload as CommandPayload;
    expect(payload.outputBytes).toBe(Buffer.byteLength(shown.output));
    // the end of the output is indexed for search (the worker kept its head and tail)
    const found = stacklog(sb, ["search", "long-2-done"]).stdout;
    expect(found).toContain(`#${events[long]?.seq} `);
    expect(found).toContain("[output]");
    expect(stacklog(sb, ["export"]).stdout).not.toContain("planted-password-7373");
  });

  it("refuses to start inside a recorded shell", () => {
    const r = stacklog(sb, ["shell"], {
      env: { STACKLOG_SHELL_PID: String(process.pid), STACKLOG_RECORDING: "1" },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Already recording");
  });
});

describe("a recorded shell's secrets and pauses", () => {
  it("reads secret sources added or changed while it runs, and follows stacklog pause even unseen", async () => {
    const dir = path.join(sb.dir, "kolla");
    mkdirSync(dir);
    const pw = path.join(dir, "passwords.yml");
    writeFileSync(pw, "database_password: OldPw1234567\n");
    stacklog(sb, ["secrets", "add", pw]);
    const { t, type } = await recordedShell(sb);
    await type(`stacklog_cli() { node ${NODE_ARGS.join(" ")} "$@"; }; echo defined`, "defined\r\n");
    // kolla-mergepwd adds a value mid-session
    writeFileSync(pw, "database_password: OldPw1234567\noctavia_ca_password: MergedPw24680\n");
    await type("echo merged-MergedPw24680", "merged-MergedPw24680\r\n");
    // a source registered from inside the shell
    const extra = path.join(dir, "extra.yml");
    writeFileSync(extra, "vault_root_token: InShellPw12345\n");
    await type(`stacklog_cli secrets add ${extra}`, "1 value hidden");
    await type("echo bare-InShellPw12345", "bare-InShellPw12345\r\n");
    // a pause whose sequence never reaches the recorder still pauses it, and keeps the lines
    // typed meanwhile out of the history
    await type("stacklog_cli pause >/dev/null 2>&1; echo paused-quietly", "paused-quietly\r\n");
    await type("echo typed-while-paused-QQ7", "typed-while-paused-QQ7\r\n");
    await type("stacklog_cli resume >/dev/null 2>&1; echo resumed-quietly", "resumed-quietly\r\n");
    await type("history 6; echo history-$((2 + 2))", "history-4\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    const lines = commands().map((c) => c.line);
    expect(lines).toContain("echo merged-[REDACTED passwords.yml:octavia_ca_password]");
    expect(lines).toContain("echo bare-[REDACTED extra.yml:vault_root_token]");
    expect(lines.some((l) => l.includes("typed-while-paused"))).toBe(false);
    const all = stacklog(sb, ["export"]).stdout;
    for (const secret of ["MergedPw24680", "InShellPw12345", "typed-while-paused-QQ7"])
      expect(all).not.toContain(secret);
  });
});

describe("stacklog pause and resume --json", () => {
  it("print the state as JSON on stdout while the recorder still hears them", async () => {
    const { t, type } = await recordedShell(sb);
    await type(`stacklog_cli() { node ${NODE_ARGS.join(" ")} "$@"; }; echo defined`, "defined\r\n");
    // stdout is a pipe: the sequence for the recorder goes to the terminal through stderr
    await type("stacklog_cli pause --json | cat", '{"recording":"paused","wasPaused":false}');
    await t.waitFor(/"wasPaused":false\}[\s\S]*\[paused\] /);
    await type("echo typed-while-json-paused", "typed-while-json-paused\r\n");
    await type("stacklog_cli resume --json > state.json; cat state.json", '"recording":"on"');
    await type("echo after-json-resume", "after-json-resume\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    expect(JSON.parse(readFileSync(path.join(sb.dir, "state.json"), "utf8"))).toEqual({
      recording: "on",
      wasPaused: true,
    });
    const lines = commands().map((c) => c.line);
    expect(lines).toContain("echo after-json-resume");
    expect(lines.some((l) => l.includes("typed-while-json-paused"))).toBe(false);
  });
});

describe("a line typed with a leading space", () => {
  it.each([
    ["bash", "history 5"],
    ["zsh", "fc -l -5"],
  ])("is kept out of %s's history, not only out of the record", async (shell, list) => {
    sb.env.SHELL = `/bin/${shell}`;
    const { t, type } = await recordedShell(sb);
    await type("echo shown-$((40 + 2))", "shown-42\r\n");
    await type(" echo hidden-$((40 + 3))", "hidden-43\r\n");
    await type(list, "shown-$((40 + 2))");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    const listed = commands().find((c) => c.line === list);
    expect(listed).toBeDefined();
    const output = outputOf(list);
    expect(output).toContain("shown-$((40 + 2))");
    expect(output).not.toContain("hidden-");
    expect(stacklog(sb, ["export"]).stdout).not.toContain("hidden-$((40 + 3))");
  });
});

describe("a password set on a line that is not recorded", () => {
  it("is hidden in what later commands print, when it was typed while paused", async () => {
    const { t, type } = await recordedShell(sb);
    await type(
      `stacklog_cli() { node ${NODE_ARGS.join(" ")} "$@"; }; stacklog_cli pause`,
      "recording paused",
    );
    await type("export OS_PASSWORD=PausedLinePw7781x", "\x1b]133;D;0");
    await type("stacklog_cli resume", "recording resumed");
    await type('echo "pw=$OS_PASSWORD"', "pw=PausedLinePw7781x\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    expect(outputOf('echo "pw=$OS_PASSWORD"')).toMatch(/^pw=\[REDACTED [^\]]+\]\r\n$/);
  });

  it("is hidden in what later commands print, when it was typed with a leading space", async () => {
    const { t, type } = await recordedShell(sb);
    await type(" export OS_PASSWORD=HiddenLinePw4Gk7", "\x1b]133;D;0");
    await type('echo "pw=$OS_PASSWORD"', "pw=HiddenLinePw4Gk7\r\n");
    t.pty.write("exit\r");
    expect((await t.exited).exitCode).toBe(0);
    expect(outputOf('echo "pw=$OS_PASSWORD"')).toMatch(/^pw=\[REDACTED [^\]]+\]\r\n$/);
    expect(stacklog(sb, ["search", "HiddenLinePw4Gk7"]).stdout).not.toContain("HiddenLinePw4Gk7");
  });
});

describe("stacklog hook", () => {
  it.each(["bash", "zsh"])(
    "records command lines and statuses from %s without a PTY recorder",
    async (shell) => {
      const bin = `/bin/${shell}`;
      const stacklogCmd = `node ${NODE_ARGS.join(" ")}`;
      const shellArgs = shell === "bash" ? ["--norc", "-i"] : ["-f", "-i"];
      const { pty, waitFor, exited } = programInTerminal(sb, bin, shellArgs, {
        // no $USER: the actor is named from $STACKLOG_USER, as every stacklog call names it
        env: { PS1: "$ ", PROMPT: "$ ", TMUX_PANE: "%7" },
        cols: 120,
      });
      pty.write(`eval "$(${stacklogCmd} hook ${shell})"; echo hooked\r`);
      await waitFor("hooked\r\n");
      pty.write("echo one-command\r");
      await waitFor("one-command\r\n");
      pty.write("false\r");
      pty.write(`cd ${path.join(sb.dir)} && echo done-here\r`);
      await waitFor("done-here\r\n");
      // a password set on a line: hidden in the later lines stored with it
      pty.write("export OS_PASSWORD=HookEnvPw123\r");
      pty.write("echo again-HookEnvPw123\r");
      await waitFor("again-HookEnvPw123\r\n");
      pty.write("sh -c 'kill -INT $$'\r");
      pty.write(`${stacklogCmd} pause\r`);
      await waitFor("Hook mode cannot pause");
      pty.write("exit\r");
      await exited;
      const cmds = commands();
      expect(cmds.find((c) => c.line === "echo one-command")).toMatchObject({
        exitStatus: 0,
        mode: "hook",
        outputId: null,
      });
      expect(cmds.find((c) => c.line === "false")).toMatchObject({ exitStatus: 1 });
      expect(cmds.find((c) => c.line.startsWith("cd "))?.cwd).toBe(sb.dir);
      expect(cmds.find((c) => c.line.startsWith("sh -c"))).toMatchObject({
        exitStatus: 130,
        signal: "SIGINT",
      });
      expect(cmds.some((c) => c.line === "echo again-[REDACTED password]")).toBe(true);
      expect(stacklog(sb, ["export"]).stdout).not.toContain("HookEnvPw123");
      const events = stacklog(sb, ["log", "--kind", "command", "--json"])
        .stdout.trim()
        .split("\n")
        .map((l) => JSON.parse(l) as JournalEvent);
      for (const e of events) {
        expect(e.actor).toBe("rtp@deploy");
        expect(e.terminal).toBe("tmux%7");
      }
    },
  );
});
