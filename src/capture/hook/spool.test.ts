import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type HookRecord,
  ingestHookSpool,
  parseHookLines,
  pendingHookSpools,
  STALE_CLAIM_MS,
} from "./index.js";

const LINE =
  "1795597752.803626\t1795597753.5\t0\t/srv/my%20dir\techo%09a%0Ab\t/dev/pts/1\tops@deploy\t0\n";

describe("parseHookLines", () => {
  it("gives back emoji and other text beside escaped characters exactly", () => {
    // as hook.bash writes `echo "deploy 🚀"; true` run in /tmp/r🚀;x
    const line =
      '1795597752\t1795597753\t0\t/tmp/r🚀%3Bx\techo "deploy 🚀"%3B true\tpts/1\tops@deploy\t0\n';
    expect(parseHookLines(line)[0]).toMatchObject({
      cwd: "/tmp/r🚀;x",
      line: 'echo "deploy 🚀"; true',
    });
  });

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
        raw: LINE.slice(0, -1),
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
        raw: hidden.slice(0, -1),
      },
    ]);
  });

  it("leaves out a torn last line and lines that do not parse", () => {
    expect(parseHookLines(`garbage\n${LINE}${LINE.slice(0, 30)}`)).toHaveLength(1);
  });
});

const modeOf = (f: string) => statSync(f).mode & 0o777;

describe("ingestHookSpool", () => {
  let dir: string;
  let file: string;
  let got: HookRecord[];
  const keep = (rs: HookRecord[]) => void got.push(...rs);
  const fail = () => {
    throw new Error("store locked");
  };
  // pid 2^22+1 is above Linux's pid_max ceiling, so no process has it.
  const DEAD = 4194305;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "stacklog-spool-"));
    file = join(dir, "j1.tsv");
    got = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("hands each record over once, even to two ingesters in turn", () => {
    writeFileSync(file, LINE + LINE);
    expect(ingestHookSpool(file, keep)).toBe(2);
    expect(ingestHookSpool(file, keep)).toBe(0);
    expect(got).toHaveLength(2);
    // the shells' next lines go to a fresh, empty, private file
    expect(readdirSync(dir)).toEqual(["j1.tsv"]);
    expect(readFileSync(file, "utf8")).toBe("");
    expect(modeOf(file)).toBe(0o600);
  });

  it("takes over a claim left by an ingester that died", () => {
    writeFileSync(`${file}.claimed-${DEAD}-1`, LINE);
    expect(ingestHookSpool(file, keep)).toBe(1);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps a claimed file, private, when storing fails, and hands it over once on the next call", () => {
    writeFileSync(file, LINE, { mode: 0o644 });
    expect(() => ingestHookSpool(file, fail, { pid: DEAD })).toThrow("store locked");
    const [claimed] = readdirSync(dir).filter((n) => n.includes(".claimed-"));
    expect(claimed).toMatch(new RegExp(`^j1\\.tsv\\.claimed-${DEAD}-\\d+$`));
    expect(modeOf(join(dir, claimed as string))).toBe(0o600);
    // no new line was written: the orphaned claim alone still shows as waiting
    expect(pendingHookSpools(dir)).toEqual([file]);
    expect(ingestHookSpool(file, keep)).toBe(1);
    expect(ingestHookSpool(file, keep)).toBe(0);
    expect(got).toHaveLength(1);
    expect(readdirSync(dir)).toEqual(["j1.tsv"]);
  });

  it("leaves the fresh claim of a running ingester alone, but not one older than the stale age", () => {
    const now = 10 * STALE_CLAIM_MS;
    const isAlive = () => true;
    writeFileSync(`${file}.claimed-77-${now - 1000}`, LINE);
    expect(pendingHookSpools(dir, { now: () => now, isAlive })).toEqual([]);
    expect(ingestHookSpool(file, keep, { now: () => now, isAlive })).toBe(0);
    const later = now + STALE_CLAIM_MS;
    expect(pendingHookSpools(dir, { now: () => later, isAlive })).toEqual([file]);
    expect(ingestHookSpool(file, keep, { now: () => later, isAlive })).toBe(1);
  });

  it("does not list an empty spool as waiting", () => {
    writeFileSync(file, "");
    writeFileSync(join(dir, "j2.tsv"), LINE);
    expect(pendingHookSpools(dir)).toEqual([join(dir, "j2.tsv")]);
  });
});
