import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type HookRecord, ingestHookSpool, parseHookLines } from "./index.js";

const LINE =
  "1795597752.803626\t1795597753.5\t0\t/srv/my%20dir\techo%09a%0Ab\t/dev/pts/1\tops@deploy\t0\n";

describe("parseHookLines", () => {
  it("decodes times to ms, the percent-encoded cwd and line, and the hidden flag", () => {
    const hidden = "1795597754,25\t1795597755\t130\t/srv\t\t\tops@deploy\t1\n";
    expect(parseHookLines(LINE + hidden)).toEqual([
      {
        startedAt: 1795597752804,
        endedAt: 1795597753500,
        exitStatus: 0,
        cwd: "/srv/my dir",
        line: "echo\ta\nb",
        hidden: false,
        terminal: "/dev/pts/1",
        actor: "ops@deploy",
      },
      {
        startedAt: 1795597754250,
        endedAt: 1795597755000,
        exitStatus: 130,
        cwd: "/srv",
        line: "",
        hidden: true,
        terminal: "",
        actor: "ops@deploy",
      },
    ]);
  });

  it("leaves out a torn last line and lines that do not parse", () => {
    expect(parseHookLines(`garbage\n${LINE}${LINE.slice(0, 30)}`)).toHaveLength(1);
  });
});

describe("ingestHookSpool", () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("hands each record over once, even to two ingesters in turn", () => {
    dir = mkdtempSync(join(tmpdir(), "stacklog-spool-"));
    const file = join(dir, "spool.tsv");
    writeFileSync(file, LINE + LINE);
    const got: HookRecord[] = [];
    expect(ingestHookSpool(file, (r) => got.push(r))).toBe(2);
    expect(ingestHookSpool(file, (r) => got.push(r))).toBe(0);
    expect(got).toHaveLength(2);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("takes over a claim left by an ingester that died", () => {
    dir = mkdtempSync(join(tmpdir(), "stacklog-spool-"));
    const file = join(dir, "spool.tsv");
    // pid 2^22+1 is above Linux's pid_max ceiling, so no process has it.
    writeFileSync(`${file}.claimed-4194305-1`, LINE);
    const got: HookRecord[] = [];
    expect(ingestHookSpool(file, (r) => got.push(r))).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });
});
