import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createSpool } from "../../src/journal/index.js";
import { filesUnder, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { mountTmpfs } from "../helpers/tmpfs.js";

// Where a record waits when its store cannot take it: beside the store, else in the user's
// state folder, else the temp folder. The last two serve every store the user has, and the temp
// folder every user of the machine.

let sb: Sandbox;
const mounts: string[] = [];
afterEach(() => {
  for (const m of mounts.splice(0)) execFileSync("umount", ["-l", m]);
  sb?.cleanup();
});

/** The store folder on a small tmpfs of its own, so that "read-only" is the kernel's word. */
const tmpfsAt = (dir: string) => mountTmpfs(dir, 8192, mounts);
const remount = (dir: string, mode: "ro" | "rw") =>
  execFileSync("mount", ["-o", `remount,${mode}`, dir]);

const storeKey = (home: string) =>
  createHash("sha256").update(path.resolve(home)).digest("hex").slice(0, 16);
const uid = () => process.getuid?.() ?? 0;
const logText = (env: Record<string, string>) => stacklog(sb, ["log", "--json"], { env }).stdout;

describe("spool folders", () => {
  it("give a record back to the store it was written for, not to another holding the same journal", () => {
    sb = sandbox();
    const a = { STACKLOG_HOME: sb.home };
    const b = { STACKLOG_HOME: path.join(sb.dir, "store-b") };
    tmpfsAt(sb.home);
    stacklogJson(sb, ["start", "--title", "one journal, two stores"]);
    const exported = path.join(sb.dir, "journal.json");
    expect(stacklog(sb, ["export", "--out", exported]).status).toBe(0);
    expect(stacklog(sb, ["import", exported], { env: b }).status).toBe(0);

    remount(sb.home, "ro");
    const note = stacklog(sb, ["note", "written while store A was read-only"], { env: a });
    expect(note.status).toBe(0);
    expect(note.stderr).toContain(path.join(sb.dir, "state", "stacklog", "stores"));
    // store B opens, holds the same journal, and leaves A's record alone
    const journal = JSON.parse(readFileSync(exported, "utf8")).journal.id as string;
    expect(stacklog(sb, ["status"], { env: { ...b, STACKLOG_JOURNAL: journal } }).status).toBe(0);
    expect(logText({ ...b, STACKLOG_JOURNAL: journal })).not.toContain("store A was read-only");

    remount(sb.home, "rw");
    expect(logText(a)).toContain("written while store A was read-only");
    expect(filesUnder(path.join(sb.dir, "state")).filter((f) => f.endsWith(".jsonl"))).toEqual([]);
  });

  it("use the temp folder only while it is the user's alone", () => {
    sb = sandbox({ TMPDIR: "" });
    const tmp = path.join(sb.dir, "tmp");
    mkdirSync(tmp);
    sb.env.TMPDIR = tmp;
    // the state folder cannot be made (a file is in the way): the temp folder is the last resort
    writeFileSync(path.join(sb.dir, "not-a-folder"), "");
    sb.env.XDG_STATE_HOME = path.join(sb.dir, "not-a-folder", "state");
    tmpfsAt(sb.home);
    stacklogJson(sb, ["start", "--title", "temp folder"]);
    remount(sb.home, "ro");
    const kept = stacklog(sb, ["note", "kept in the temp folder"]);
    expect(kept.stderr).toContain(path.join(tmp, `stacklog-${uid()}`));
    remount(sb.home, "rw");
    expect(logText({})).toContain("kept in the temp folder");

    // Someone else's (or anyone's) stacklog-<uid>: its records are not taken in, and none are
    // written there.
    const base = path.join(tmp, `stacklog-${uid()}`);
    execFileSync("rm", ["-rf", base]);
    mkdirSync(base, { mode: 0o777 });
    execFileSync("chmod", ["1777", base]);
    const forged = createSpool(path.join(base, "stores", storeKey(sb.home)));
    const journal = stacklogJson<{ journal: { id: string } }>(sb, ["status"]).journal.id;
    forged.append({
      type: "event",
      event: {
        id: "",
        journalId: journal,
        time: Date.now(),
        actor: "mallory@elsewhere",
        terminal: null,
        phase: null,
        payload: { kind: "note", noteKind: "decision", text: "FORGED: skip the backup" },
      },
    } as never);
    forged.close();
    expect(stacklog(sb, ["status"]).status).toBe(0);
    expect(logText({})).not.toContain("FORGED");

    remount(sb.home, "ro");
    const lost = stacklog(sb, ["note", "nowhere to keep this"]);
    expect(lost.status).not.toBe(0);
    remount(sb.home, "rw");
    expect(filesUnder(base).filter((f) => !f.includes(storeKey(sb.home)))).toEqual([]);
    expect(filesUnder(base).length).toBe(1);
  });
});
