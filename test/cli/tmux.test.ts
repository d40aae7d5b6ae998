import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FIXTURES, requireAnsible } from "../fixtures/ansible/run-playbook.js";
import {
  loggedEvents,
  NODE_ARGS,
  recordedCommand,
  type Sandbox,
  sandbox,
  stacklog,
  stacklogJson,
} from "../helpers/cli.js";

// Two operators, each in a tmux pane of one session, each in `stacklog shell`, one journal: the
// rehearsal the capture issue describes. tmux is Debian's (scripts/system-packages.txt).

let sb: Sandbox;
let socket: string;
beforeEach(() => {
  sb = sandbox({
    SHELL: "/bin/bash",
    TERM: "xterm-256color",
    ANSIBLE_LOCAL_TEMP: "/tmp/stacklog-ansible-tmp",
    ANSIBLE_HOST_KEY_CHECKING: "False",
  });
  sb.env.ANSIBLE_HOME = path.join(sb.dir, "ansible");
  socket = path.join(sb.dir, "tmux.sock");
  stacklogJson(sb, ["start", "--title", "two operators in tmux"]);
});
afterEach(() => {
  spawnSync("tmux", ["-S", socket, "kill-server"], { stdio: "ignore" });
  sb.cleanup();
});

function tmux(...args: string[]): string {
  const r = spawnSync("tmux", ["-S", socket, "-f", "/dev/null", ...args], {
    env: sb.env,
    encoding: "utf8",
  });
  if (r.error) throw new Error(`tmux could not run (${r.error.message}): install Debian's tmux`);
  if (r.status !== 0) throw new Error(`tmux ${args.join(" ")} failed: ${r.stderr}`);
  return r.stdout;
}

const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
const SHELL_CMD = [process.execPath, ...NODE_ARGS, "shell"].map(quote).join(" ");

/** What a pane shows (its history too), lines joined as the program wrote them. */
const pane = (target: string) => tmux("capture-pane", "-p", "-J", "-S", "-500", "-t", target);

async function until(what: string, ok: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!ok()) {
    if (Date.now() - start > timeoutMs) throw new Error(`never saw ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const showsLine = (target: string, line: string) => () =>
  pane(target)
    .split("\n")
    .some((l) => l.trimEnd() === line);

describe("stacklog shell in tmux", () => {
  it("records two operators' panes into one journal, each command with its own output and Ansible runs summarised, and passes window resizes on", async () => {
    tmux("-V");
    requireAnsible();
    tmux("new-session", "-d", "-s", "rehearsal", "-x", "160", "-y", "40");
    tmux("set-option", "-g", "remain-on-exit", "off");
    const [alice, bob] = ["alice", "bob"].map((user, i) => {
      const id = tmux(
        ...(i === 0 ? ["new-window", "-k", "-t", "rehearsal:0"] : ["split-window", "-h"]),
        ...["-P", "-F", "#{pane_id}", "-e", `STACKLOG_USER=${user}`, "-t", "rehearsal:0"],
        SHELL_CMD,
      ).trim();
      return id;
    }) as [string, string];
    for (const p of [alice, bob])
      await until(`the banner in ${p}`, () => pane(p).includes("recording this shell"));

    const type = async (target: string, line: string, expect: string) => {
      tmux("send-keys", "-t", target, "-l", line);
      tmux("send-keys", "-t", target, "Enter");
      await until(`${expect} in ${target}`, showsLine(target, expect));
    };
    await type(alice, "echo alice-$((20 + 1))", "alice-21");
    await type(bob, "echo bob-$((30 + 2)); false", "bob-32");
    await type(alice, "printf 'a\\nb\\n' | wc -l", "2");
    // The pane's size reaches the shell recorded in it, before and after tmux resizes the window.
    const size = (p: string) =>
      tmux("display-message", "-p", "-t", p, "#{pane_height} #{pane_width}").trim();
    await type(bob, "stty size; echo size-$((1 + 1))", "size-2");
    const before = size(bob);
    expect(pane(bob)).toContain(before);
    tmux("resize-window", "-t", "rehearsal:0", "-x", "120", "-y", "30");
    const after = size(bob);
    expect(after).not.toBe(before);
    await type(bob, "stty size; echo size-$((2 + 2))", "size-4");
    expect(pane(bob)).toContain(after);
    // A playbook run in colour, as the pane's terminal gets it: a failing task, an unreachable
    // host, a rescued block, a loop and a handler (test/fixtures/ansible/site.yml).
    const playbook = `cd ${FIXTURES} && ansible-playbook -i inventory.ini site.yml; echo ansible-exit-$?`;
    await type(alice, playbook, "ansible-exit-4");
    for (const p of [alice, bob]) tmux("send-keys", "-t", p, "exit", "Enter");
    await until("the session to end", () => {
      const r = spawnSync("tmux", ["-S", socket, "has-session", "-t", "rehearsal"]);
      return r.status !== 0;
    });

    const events = loggedEvents(sb, ["--kind", "command"]);
    const cmd = (line: string) => recordedCommand(sb, events, line);
    const a = cmd("echo alice-$((20 + 1))");
    const b = cmd("echo bob-$((30 + 2)); false");
    const w = cmd("printf 'a\\nb\\n' | wc -l");
    expect([a.e.actor, b.e.actor, w.e.actor]).toEqual([
      "alice@deploy",
      "bob@deploy",
      "alice@deploy",
    ]);
    // each pane is its own terminal, named after tmux's pane id
    expect(a.e.terminal).toBe(`tmux${alice}`);
    expect(b.e.terminal).toBe(`tmux${bob}`);
    expect([a.p.exitStatus, b.p.exitStatus, w.p.exitStatus]).toEqual([0, 1, 0]);
    // one timeline, in the order the commands ran (by time: a record that had to wait in the
    // spool, the store being busy, is stored after later ones)
    expect(a.e.time).toBeLessThan(b.e.time);
    expect(b.e.time).toBeLessThan(w.e.time);
    const log = stacklog(sb, ["log", "--kind", "command"]).stdout;
    expect(log.indexOf("alice-$((20 + 1))")).toBeLessThan(log.indexOf("bob-$((30 + 2))"));
    expect(log.indexOf("bob-$((30 + 2))")).toBeLessThan(log.indexOf("wc -l"));
    expect(a.output).toBe("alice-21\r\n");
    expect(b.output).toBe("bob-32\r\n");
    expect(w.output.trim()).toBe("2");
    expect(cmd("stty size; echo size-$((2 + 2))").output).toBe(`${after}\r\nsize-4\r\n`);
    const ansible = cmd(playbook);
    expect(ansible.e.actor).toBe("alice@deploy");
    const summary = ansible.p.summary?.ansible as {
      recap: { host: string }[];
      findings: { host: string; status: string }[];
    };
    expect(summary.recap.map((r) => r.host).sort()).toEqual(["alpha", "ghost", "localhost"]);
    expect(summary.findings.some((f) => f.host === "ghost" && f.status === "unreachable")).toBe(
      true,
    );
    expect(stacklog(sb, ["log"]).stdout).toMatch(
      /\(ansible: \d+ plays, \d+ tasks, \d+ hosts( — [^)]*)?\)/,
    );
  });
});
