import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// A hook-mode shell's commands wait in its spool until the next stacklog call: they reach the
// store after events that happened later. They keep the phase they ran in, and the account
// shows them where they happened.

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
});
afterEach(() => sb.cleanup());

describe("hook-mode commands stored late", () => {
  it("keep the phase they ran in and take their place in time in log and on the published account", () => {
    const id = stacklogJson<{ id: string }>(sb, ["start", "--title", "late hook lines"]).id;
    stacklog(sb, ["phase", "prepare"]);
    const ranAt = Date.now() / 1000;
    // the hook shell's line waits while the operator goes on in another terminal
    const hooks = path.join(sb.home, "hooks");
    mkdirSync(hooks, { recursive: true });
    const spool = path.join(hooks, `${id}.tsv`);
    const line = `${ranAt}\t${ranAt + 0.2}\t0\t${sb.dir}\techo backed-up-the-db\tpts/4\tbob@deploy\t0\n`;
    // the operator begins the next phase from another terminal before the line is stored
    const later = stacklog(sb, ["phase", "upgrade"]);
    expect(later.status).toBe(0);
    writeFileSync(spool, line);
    stacklog(sb, ["note", "upgrading now"]);

    const events = stacklog(sb, ["log", "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JournalEvent);
    const cmd = events.find((e) => e.payload.kind === "command");
    expect(cmd?.phase).toBe("prepare");
    const upgrade = events.find(
      (e) =>
        e.payload.kind === "phase" && e.payload.action === "begin" && e.payload.name === "upgrade",
    );
    expect(cmd?.seq).toBeGreaterThan(upgrade?.seq ?? Infinity);

    // `log` lists them in the order they happened too
    const text = stacklog(sb, ["log"]).stdout;
    expect(text.indexOf("backed-up-the-db")).toBeGreaterThan(-1);
    expect(text.indexOf("backed-up-the-db")).toBeLessThan(text.indexOf("upgrade"));

    const out = path.join(sb.dir, "site");
    expect(stacklog(sb, ["publish", "--out", out]).status).toBe(0);
    const page = readFileSync(path.join(out, "journals", id, "index.html"), "utf8");
    const prepare = page.indexOf(">prepare</h2>");
    const upgradeAt = page.indexOf(">upgrade</h2>");
    const backedUp = page.indexOf("backed-up-the-db");
    expect(prepare).toBeGreaterThan(-1);
    expect(backedUp).toBeGreaterThan(prepare);
    expect(backedUp).toBeLessThan(upgradeAt);
  });
});
