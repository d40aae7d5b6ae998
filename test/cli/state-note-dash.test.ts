import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JournalEvent } from "../../src/journal/index.js";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// (Here for want of a note test file this change may add; it belongs with `stacklog note`.)

let sb: Sandbox;
beforeAll(() => {
  sb = sandbox();
  stacklogJson(sb, ["start", "--title", "notes"]);
});
afterAll(() => sb.cleanup());

const lastNote = () => {
  const lines = stacklog(sb, ["log", "--kind", "note", "--json"]).stdout.trim().split("\n");
  return (JSON.parse(lines.at(-1) as string) as JournalEvent).payload;
};

describe("stacklog note -", () => {
  it("reads the note from standard input, as `cat -` does, rather than storing a dash", () => {
    const r = stacklog(sb, ["note", "--decision", "-"], {
      input: "kept 2023.1 images for rollback\n",
    });
    expect(r.status, r.stderr).toBe(0);
    expect(lastNote()).toMatchObject({
      noteKind: "decision",
      text: "kept 2023.1 images for rollback",
    });
  });

  it("says the note is empty when standard input gives nothing", () => {
    const r = stacklog(sb, ["note", "-"], { input: "" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("stacklog: Empty note");
    expect(lastNote()).not.toMatchObject({ text: "-" });
  });
});
