import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Journal, JournalEvent } from "../../src/journal/index.js";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
});
afterEach(() => sb.cleanup());

describe("a small upgrade rehearsal recorded from the command line", () => {
  it("records phases, commands with their status and output, a problem with its fix and a downtime window", () => {
    const j = stacklogJson<Journal>(sb, [
      "start",
      "--title",
      "Lab: Zed → 2023.1",
      "--site",
      "hpc-north",
      "--tool",
      "kolla-ansible",
      "--from",
      "zed",
      "--to",
      "2023.1",
    ]);
    expect(j.status).toBe("in-progress");

    expect(stacklog(sb, ["phase", "pre-checks"]).status).toBe(0);
    const ok = stacklog(sb, ["run", "--", "bash", "-c", "echo galera healthy; echo to-stderr >&2"]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe("galera healthy\n");
    expect(ok.stderr).toContain("to-stderr");
    const bad = stacklog(sb, [
      "run",
      "--",
      "bash",
      "-c",
      "echo 'ERROR: rabbitmq not clustered'; exit 3",
    ]);
    expect(bad.status).toBe(3);

    const problem = stacklogJson<{ stored: JournalEvent[] }>(sb, [
      "note",
      "--problem",
      "rabbitmq",
      "not",
      "clustered",
    ]);
    const problemSeq = problem.stored[0]?.seq;
    expect(
      stacklog(sb, [
        "note",
        "--fix",
        String(problemSeq),
        "-m",
        "reset rabbitmq node 2 and rejoined",
      ]).status,
    ).toBe(0);
    expect(
      stacklog(sb, ["note", "--decision"], { input: "keep the Zed images for rollback\n" }).status,
    ).toBe(0);
    expect(stacklog(sb, ["phase", "control plane"]).status).toBe(0);
    expect(stacklog(sb, ["milestone", "API downtime", "--begin"]).status).toBe(0);
    expect(stacklog(sb, ["run", "--", "true"]).status).toBe(0);
    expect(stacklog(sb, ["milestone", "API downtime", "--end"]).status).toBe(0);
    const fin = stacklogJson<Journal>(sb, ["finish", "--status", "completed"]);
    expect(fin.status).toBe("completed");

    const ev = stacklog(sb, ["log", "--journal", j.id, "--json"])
      .stdout.trim()
      .split("\n")
      .map((l) => JSON.parse(l) as JournalEvent);
    const kinds = ev.map((e) =>
      e.payload.kind === "phase"
        ? `${e.payload.kind}:${e.payload.action}:${e.payload.name}`
        : e.payload.kind,
    );
    expect(kinds).toEqual([
      "phase:begin:pre-checks",
      "command",
      "command",
      "note",
      "note",
      "note",
      "phase:end:pre-checks",
      "phase:begin:control plane",
      "milestone",
      "command",
      "milestone",
      "phase:end:control plane",
    ]);
    const [first, second] = ev.filter((e) => e.payload.kind === "command");
    expect(first?.payload).toMatchObject({
      kind: "command",
      line: "bash -c 'echo galera healthy; echo to-stderr >&2'",
      exitStatus: 0,
      mode: "pipe",
      host: "deploy",
    });
    expect(second?.payload).toMatchObject({ exitStatus: 3 });
    expect(first?.phase).toBe("pre-checks");
    expect(first?.actor).toBe("rtp@deploy");
    const fix = ev.find((e) => e.payload.kind === "note" && e.payload.noteKind === "fix");
    expect(fix?.payload).toMatchObject({ fixes: problem.stored[0]?.id });

    const shown = stacklog(sb, ["show", String(second?.seq), "--journal", j.id]);
    expect(shown.stdout).toContain("ERROR: rabbitmq not clustered");
    expect(shown.stdout).toContain("status: 3");

    const human = stacklog(sb, ["log", "--journal", j.id]).stdout;
    expect(human).toContain("$ bash -c 'echo galera healthy; echo to-stderr >&2'  ok");
    expect(human).toContain("exit 3");
    expect(human).toContain("problem: rabbitmq not clustered");

    const hits = stacklogJson<{ seq: number }[]>(sb, ["search", "clustered", "--journal", j.id]);
    expect(hits.map((h) => h.seq).sort()).toEqual(
      expect.arrayContaining([second?.seq, problemSeq]),
    );
  });

  it("says what to do when there is no current journal, and still runs the command", () => {
    const note = stacklog(sb, ["note", "hello"]);
    expect(note.status).toBe(3);
    expect(note.stderr).toContain("No current journal");
    expect(note.stderr).toContain("stacklog start");
    expect(note.stderr).not.toMatch(/\n\s+at /);
    const run = stacklog(sb, ["run", "--", "bash", "-c", "echo still-ran; exit 4"]);
    expect(run.status).toBe(4);
    expect(run.stdout).toBe("still-ran\n");
    expect(run.stderr).toContain("not recorded: no current journal");
  });

  it("exports a journal that imports into a fresh store and exports again byte for byte", () => {
    stacklogJson(sb, ["start", "--title", "round trip"]);
    stacklog(sb, ["phase", "one"]);
    stacklog(sb, ["run", "--", "bash", "-c", "printf '\\e[32mgreen\\e[0m\\n'; seq 1 2000"]);
    stacklog(sb, ["note", "--lesson", 'ünïcödé ✓ and a "quote"']);
    const file = path.join(sb.dir, "export.json");
    expect(stacklog(sb, ["export", "--out", file]).status).toBe(0);
    const other = sandbox();
    try {
      expect(stacklog(other, ["import", file]).status).toBe(0);
      const again = path.join(other.dir, "again.json");
      const id = (JSON.parse(readFileSync(file, "utf8")) as { journal: { id: string } }).journal.id;
      expect(stacklog(other, ["export", "--journal", id, "--out", again]).status).toBe(0);
      expect(readFileSync(again)).toEqual(readFileSync(file));
    } finally {
      other.cleanup();
    }
  });

  it("makes an imported journal current in a store that had none, and says so", () => {
    const first = stacklogJson<Journal>(sb, ["start", "--title", "to move"]);
    stacklog(sb, ["note", "moved along"]);
    const file = path.join(sb.dir, "export.json");
    expect(stacklog(sb, ["export", "--out", file]).status).toBe(0);
    const other = sandbox();
    try {
      const imported = stacklog(other, ["import", file]);
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stderr).toBe(
        `stacklog: journal ${first.id} is now the current journal (this store had none)\n`,
      );
      const again = stacklog(other, ["export"]);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toBe(readFileSync(file, "utf8"));
      // a store that has a current journal keeps it
      const second = stacklogJson<Journal>(other, ["start", "--title", "here already"]);
      const replaced = stacklog(other, ["import", "--replace", file]);
      expect(replaced.stderr).toBe("");
      expect(stacklogJson<{ journal: Journal }>(other, ["status"]).journal.id).toBe(second.id);
    } finally {
      other.cleanup();
    }
  });
});

describe("arguments that cannot be honoured are not ignored", () => {
  it("ends a phase by name only when it is the running one", () => {
    stacklogJson(sb, ["start", "--title", "phases"]);
    stacklog(sb, ["phase", "a"]);
    const wrong = stacklog(sb, ["phase", "b", "--end"]);
    expect(wrong.status).toBe(3);
    expect(wrong.stderr).toContain('Phase "b" is not running; the running phase is "a".');
    expect(stacklog(sb, ["status"]).stdout).toMatch(/^phase: +a$/m);
    expect(stacklog(sb, ["phase", "a", "--end"]).stdout).toBe("#2 phase a ends\n");
    const none = stacklog(sb, ["phase", "--end"]);
    expect(none.status).toBe(3);
    expect(none.stdout).toBe("");
    expect(none.stderr).toContain("No phase is running in this journal");
  });

  it("warns when a window ends that was never begun, and records the end", () => {
    stacklogJson(sb, ["start", "--title", "windows"]);
    stacklog(sb, ["milestone", "API downtime", "--begin"]);
    expect(stacklog(sb, ["milestone", "API downtime", "--end"]).stderr).toBe("");
    const stray = stacklog(sb, ["milestone", "API downtime", "--end"]);
    expect(stray.status).toBe(0);
    expect(stray.stdout).toBe("#3 milestone API downtime (end)\n");
    expect(stray.stderr).toBe(
      'stacklog: no "API downtime" window is open (begun with stacklog milestone "API downtime" --begin); its end is recorded all the same\n',
    );
  });

  it("warns about a series it does not know, and keeps it", () => {
    const r = stacklog(sb, ["start", "--title", "fruit", "--from", "banana", "--to", "2023.1"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe(
      "stacklog: --from banana is not an OpenStack series stacklog knows (a name like zed or a number like 2023.1); recorded as given\n",
    );
    expect(stacklogJson<{ journal: Journal }>(sb, ["status"]).journal.fromSeries).toBe("banana");
    expect(stacklog(sb, ["start", "--title", "ok", "--from", "zed", "--to", "2023.1"]).stderr).toBe(
      "",
    );
  });

  it("refuses a journal whose --to series is known to come before its --from", () => {
    const r = stacklog(sb, ["start", "--title", "back", "--from", "2023.1", "--to", "zed"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "stacklog: Downgrade refused: zed (2022.2) is older than antelope (2023.1)",
    );
    expect(stacklog(sb, ["status"]).stdout).toContain("journal:  none current");
  });
});
