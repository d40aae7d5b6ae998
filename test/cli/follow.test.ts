import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, spawnStacklog, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "two operators"]);
});
afterEach(() => sb.cleanup());

describe("stacklog log --follow", () => {
  it("interleaves what several operators record, live, each event with its actor and terminal", async () => {
    stacklog(sb, ["note", "before following"]);
    const follow = spawnStacklog(sb, ["log", "--follow"], { stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    follow.stdout?.on("data", (d: Buffer) => {
      seen += d.toString();
    });
    const waitFor = async (text: string) => {
      const start = Date.now();
      while (!seen.includes(text)) {
        if (Date.now() - start > 15_000) throw new Error(`follow never printed ${text}:\n${seen}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await waitFor("before following");
    stacklog(sb, ["note", "from alice"], {
      env: { STACKLOG_USER: "alice", STACKLOG_TERMINAL: "pts/1" },
    });
    await waitFor("alice@deploy");
    stacklog(sb, ["run", "--", "echo", "from bob"], {
      env: { STACKLOG_USER: "bob", STACKLOG_HOST: "ctl-1", STACKLOG_TERMINAL: "pts/7" },
    });
    await waitFor("bob@ctl-1");
    follow.kill("SIGINT");
    expect(await new Promise((r) => follow.once("exit", r))).toBe(0);
    const lines = seen.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/rtp@deploy +observation: before following/);
    expect(lines[1]).toMatch(/alice@deploy +observation: from alice/);
    expect(lines[2], seen).toMatch(/bob@ctl-1 +\$ echo 'from bob' +ok/);
    const events = stacklog(sb, ["log", "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { actor: string; terminal: string | null });
    expect(events.map((e) => [e.actor, e.terminal])).toEqual([
      ["rtp@deploy", null],
      ["alice@deploy", "pts/1"],
      ["bob@ctl-1", "pts/7"],
    ]);
  });
});
