import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeCtx } from "../../src/cli/context.js";
import { tryOpen } from "../../src/cli/store-access.js";
import { loggedEvents, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// A journal the operator names, with --journal or $STACKLOG_JOURNAL, that the store does not
// hold is a mistake to say at once; records wait in the spool only for the current journal of a
// store moved aside, which a store holding it may bring back.

let sb: Sandbox;
afterEach(() => sb?.cleanup());

const mistyped = { env: { STACKLOG_JOURNAL: "NOPE" } };

function spooledRecords(): number {
  return stacklogJson<{ spooled: number }>(sb, ["status"]).spooled;
}

describe("a journal named in $STACKLOG_JOURNAL that the store does not hold", () => {
  it.each([
    ["note", ["note", "hi"]],
    ["phase", ["phase", "upgrade"]],
    ["milestone", ["milestone", "controllers-done"]],
  ])("is refused by %s as --journal refuses it, and nothing waits in the spool", (_, args) => {
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "the real one"]);
    const named = stacklog(sb, args, mistyped);
    const flagged = stacklog(sb, [...args, "--journal", "NOPE"]);
    expect(named.status).toBe(3);
    expect(named.stderr).toContain('Unknown journal: No journal matches "NOPE"');
    expect(named.stdout).toBe("");
    expect([named.status, named.stderr]).toEqual([flagged.status, flagged.stderr]);
    expect(spooledRecords()).toBe(0);
    expect(loggedEvents(sb)).toEqual([]);
  });

  it("leaves run's command running with its status, and says it is not recorded", () => {
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "the real one"]);
    const cmd = ["sh", "-c", "echo ran; exit 4"];
    const named = stacklog(sb, ["run", "--", ...cmd], mistyped);
    const flagged = stacklog(sb, ["run", "--journal", "NOPE", "--", ...cmd]);
    expect(named).toMatchObject({ status: 4, stdout: "ran\n" });
    expect(named.stderr).toBe('stacklog: not recorded: No journal matches "NOPE".\n');
    expect(named.stderr).toBe(flagged.stderr);
    expect(spooledRecords()).toBe(0);
  });

  it("is still the current journal when it names that one, whose records wait for a store moved aside", () => {
    sb = sandbox();
    const id = stacklogJson<{ id: string }>(sb, ["start", "--title", "moved aside"]).id;
    renameSync(path.join(sb.home, "stacklog.db"), path.join(sb.dir, "aside.db"));
    const current = { env: { STACKLOG_JOURNAL: id } };
    const note = stacklog(sb, ["note", "while the store is aside"], current);
    expect(note.status).toBe(0);
    expect(note.stderr).toContain("kept in");
    const run = stacklog(sb, ["run", "--", "sh", "-c", "exit 0"], current);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("waits in the spool");
    expect(spooledRecords()).toBeGreaterThan(1);
    // the store back in place: both are stored in it
    renameSync(path.join(sb.dir, "aside.db"), path.join(sb.home, "stacklog.db"));
    expect(loggedEvents(sb).map((e) => e.payload.kind)).toEqual(["note", "command"]);
    expect(spooledRecords()).toBe(0);
  });

  it("names the journal that records spooled under it wait for", () => {
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "the real one"]);
    const db = path.join(sb.home, "stacklog.db");
    renameSync(db, path.join(sb.dir, "aside.db"));
    writeFileSync(db, "not a database, but a page torn by a full disk".repeat(100));
    // a store that cannot be read cannot say whether it holds NOPE: the note waits under it
    const note = stacklog(sb, ["note", "typed while the store was broken", "--journal", "NOPE"]);
    expect(note.status).toBe(0);
    expect(note.stderr).toContain("kept in");
    renameSync(path.join(sb.dir, "aside.db"), db);
    const ctx = makeCtx(
      {
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        env: sb.env,
        cwd: sb.dir,
      },
      false,
    );
    const opened = tryOpen(ctx);
    if (!opened.ok) throw opened.error;
    opened.store.close();
    expect(opened.waitingFor).toEqual(["NOPE"]);
    expect(spooledRecords()).toBe(1);
  });
});
