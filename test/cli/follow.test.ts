import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, spawnStacklog, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
let journal: string;
beforeEach(() => {
  sb = sandbox();
  journal = stacklogJson<{ id: string }>(sb, ["start", "--title", "two operators"]).id;
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
    // a hook-mode shell's command: appended to its spool, with no other stacklog call after it
    const hooks = path.join(sb.home, "hooks");
    mkdirSync(hooks, { recursive: true });
    const t = Date.now() / 1000;
    appendFileSync(
      path.join(hooks, `${journal}.tsv`),
      `${t}\t${t + 0.1}\t0\t${sb.dir}\techo from carol\tpts/9\tcarol@ctl-2\t0\n`,
    );
    await waitFor("carol@ctl-2");
    follow.kill("SIGINT");
    expect(await new Promise((r) => follow.once("exit", r))).toBe(0);
    const lines = seen.trim().split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/rtp@deploy +observation: before following/);
    expect(lines[1]).toMatch(/alice@deploy +observation: from alice/);
    expect(lines[2], seen).toMatch(/bob@ctl-1 +\$ echo 'from bob' +ok/);
    expect(lines[3], seen).toMatch(/carol@ctl-2 +\$ echo from carol +ok/);
    const events = stacklog(sb, ["log", "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { actor: string; terminal: string | null });
    expect(events.map((e) => [e.actor, e.terminal])).toEqual([
      ["rtp@deploy", null],
      ["alice@deploy", "pts/1"],
      ["bob@ctl-1", "pts/7"],
      ["carol@ctl-2", "pts/9"],
    ]);
  });
});
