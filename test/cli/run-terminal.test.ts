import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { terminal } from "../helpers/terminal.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "terminal"]);
});
afterEach(() => sb.cleanup());

function lastCommand(): JournalEvent {
  const lines = stacklog(sb, ["log", "--kind", "command", "--json"]).stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1] as string) as JournalEvent;
}

describe("stacklog run in a terminal", () => {
  it.each([
    ["exit 0", 0],
    ["exit 3", 3],
    ["exit 255", 255],
    ["kill -TERM $$", 143],
    ["kill -KILL $$", 137],
  ])("keeps the exit status of `%s` (%i)", async (script, status) => {
    const t = terminal(sb, ["run", "--", "bash", "-c", script]);
    expect((await t.exited).exitCode).toBe(status);
    expect(lastCommand().payload).toMatchObject({
      kind: "command",
      exitStatus: status,
      mode: "pty",
    });
  });

  it("lets Ctrl-C reach the command and records the status it chose", async () => {
    const t = terminal(sb, [
      "run",
      "--",
      "bash",
      "-c",
      'trap "echo got-INT; exit 42" INT; echo ready; sleep 30 & wait',
    ]);
    await t.waitFor("ready");
    t.pty.write("\x03");
    expect((await t.exited).exitCode).toBe(42);
    expect(t.screen()).toContain("got-INT");
    expect(lastCommand().payload).toMatchObject({ exitStatus: 42 });
  });

  it("gives the command a terminal of the same size, so colours and layout look as without stacklog", async () => {
    const t = terminal(
      sb,
      ["run", "--", "bash", "-c", 'test -t 1 && printf "\\e[31mred\\e[0m %s\\n" "$(stty size)"'],
      { cols: 91, rows: 27 },
    );
    expect((await t.exited).exitCode).toBe(0);
    expect(t.screen()).toContain("\x1b[31mred\x1b[0m 27 91");
    const cmd = lastCommand();
    const shown = stacklog(sb, ["show", String(cmd.seq)]).stdout;
    expect(shown).toContain("\x1b[31mred\x1b[0m 27 91");
  });

  it("passes typed input through to the command", async () => {
    const t = terminal(sb, ["run", "--", "bash", "-c", 'read -p "continue? " x; echo "got:$x"']);
    await t.waitFor("continue? ");
    t.pty.write("yes\r");
    expect((await t.exited).exitCode).toBe(0);
    expect(t.screen()).toContain("got:yes");
  });
});
