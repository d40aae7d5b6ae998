import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NODE_ARGS, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// A folder the operator cannot write to, for publish's site and export's file: a clear error
// with exit status 1 (something outside stacklog in the way), never an internal error.

let sb: Sandbox;
const mounts: string[] = [];
const dirs: string[] = [];
beforeEach(() => {
  sb = sandbox();
});
afterEach(() => {
  for (const m of mounts.splice(0)) execFileSync("umount", [m]);
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  sb.cleanup();
});

function readOnlyFolder(): string {
  const dir = path.join(sb.dir, "ro-mount");
  execFileSync("mkdir", ["-p", dir]);
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", dir]);
  } catch (err) {
    throw new Error(
      `this test mounts a read-only tmpfs and needs root with CAP_SYS_ADMIN: ${(err as Error).message}`,
    );
  }
  mounts.push(dir);
  return dir;
}

function expectUnwritable(r: { status: number | null; stderr: string }, why: string): void {
  expect(r.stderr).not.toContain("internal error");
  expect(r.stderr).toContain("Output not writable");
  expect(r.stderr).toContain(why);
  expect(r.status).toBe(1);
}

describe("an output folder that cannot be written", () => {
  it("is a clear error for publish and export on a read-only file system", () => {
    stacklogJson(sb, ["start", "--title", "read-only output"]);
    stacklog(sb, ["run", "--", "echo", "hello"]);
    const ro = readOnlyFolder();
    // (Node's mkdir reports the read-only file system as a missing folder)
    const refused = `${ro} does not take new files`;
    expectUnwritable(stacklog(sb, ["publish", "--out", path.join(ro, "site")]), refused);
    expectUnwritable(
      stacklog(sb, ["publish", "--format", "jekyll", "--out", path.join(ro, "pages")]),
      refused,
    );
    expectUnwritable(
      stacklog(sb, ["export", "--out", path.join(ro, "j.json")]),
      "the file system is read-only",
    );
    const json = stacklog(sb, ["publish", "--json", "--out", path.join(ro, "site")]);
    expect(JSON.parse(json.stdout).error.code).toBe("SiteUnwritable");
  });

  it("is a clear error for an operator without permission on the folder", () => {
    if (process.getuid?.() !== 0)
      throw new Error("this test runs stacklog as the user nobody through setpriv: run it as root");
    // a store nobody can write, and a folder of root's that nobody cannot enter
    const home = mkdtempSync(path.join(os.tmpdir(), "stacklog-nobody-"));
    const closed = mkdtempSync(path.join(os.tmpdir(), "stacklog-roots-"));
    dirs.push(home, closed);
    chmodSync(home, 0o777);
    chmodSync(closed, 0o700);
    const asNobody = (args: string[], storeHome = path.join(home, "store")) =>
      spawnSync(
        "setpriv",
        [
          "--reuid=65534",
          "--regid=65534",
          "--clear-groups",
          process.execPath,
          ...NODE_ARGS,
          ...args,
        ],
        { cwd: "/tmp", env: { ...sb.env, STACKLOG_HOME: storeHome, HOME: home }, encoding: "utf8" },
      );
    expect(asNobody(["start", "--title", "no permission"]).status).toBe(0);
    expectUnwritable(
      asNobody(["publish", "--out", path.join(closed, "site")]),
      "permission denied",
    );
    expectUnwritable(
      asNobody(["export", "--out", path.join(closed, "j.json")]),
      "permission denied",
    );
    // a store in a folder nobody may not enter: its permissions, not a broken file, are the cause
    const shut = asNobody(["start", "--title", "x"], path.join(closed, "store"));
    expect(shut.status).toBe(4);
    expect(shut.stderr).toContain("State file not readable to you");
    expect(shut.stderr).not.toContain("move it aside");
    // a store in a folder nobody may enter but not write: the system's reason once, not with its
    // code twice
    chmodSync(closed, 0o755);
    const inClosed = asNobody(["start", "--title", "x"], path.join(closed, "store"));
    expect(inClosed.status).toBe(4);
    expect(inClosed.stderr).toContain("EACCES: permission denied");
    expect(inClosed.stderr).not.toContain("EACCES: EACCES");
  });
});
