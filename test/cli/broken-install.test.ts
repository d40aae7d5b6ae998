import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtEntry, liveBundleFiles, ROOT, type Sandbox, sandbox } from "../helpers/cli.js";

// "Never in the way": when stacklog cannot load its own code, `run` still runs the command.

let sb: Sandbox;
let install: string;
beforeEach(() => {
  sb = sandbox();
  // A copy of the built install with one module of `run` missing, as a broken upgrade leaves it.
  builtEntry();
  install = mkdtempSync(path.join(os.tmpdir(), "stacklog-install-"));
  for (const part of ["bin", "dist", "package.json"])
    cpSync(path.join(ROOT, part), path.join(install, part), { recursive: true });
  symlinkSync(path.join(ROOT, "node_modules"), path.join(install, "node_modules"));
  rmSync(path.join(install, "dist", "bundle", runChunk()));
});

// The bundle's file that holds the code `run` starts the command with (esbuild names each
// module it bundles in a comment).
function runChunk(): string {
  const dir = path.join(ROOT, "dist", "bundle");
  const chunk = liveBundleFiles(dir).find((f) =>
    readFileSync(path.join(dir, f), "utf8").includes("// dist/capture/offload/host.js"),
  );
  if (chunk === undefined) throw new Error(`no file of ${dir} holds dist/capture/offload/host.js`);
  return chunk;
}
afterEach(() => {
  sb.cleanup();
  rmSync(install, { recursive: true, force: true });
});

const broken = (args: string[]) =>
  spawnSync(process.execPath, [path.join(install, "bin", "stacklog.js"), ...args], {
    cwd: sb.dir,
    env: sb.env,
    encoding: "utf8",
  });

describe("stacklog run when stacklog's code cannot be loaded", () => {
  it("runs the command unrecorded, says so in one line, and passes its status through", () => {
    const r = broken(["run", "--", "sh", "-c", "echo through; echo err-line >&2; exit 7"]);
    expect(r.status).toBe(7);
    expect(r.stdout).toBe("through\n");
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^stacklog: not recorded: stacklog could not load its code \(.*chunk-\w+\.js.*\); the command runs unrecorded$/,
    );
    expect(lines[1]).toBe("err-line");
  });

  it("passes a signal death through as 128+N and a missing command as 127", () => {
    expect(broken(["run", "--", "sh", "-c", "kill -TERM $$"]).status).toBe(143);
    const missing = broken(["run", "--", "no-such-command-4711"]);
    expect(missing.status).toBe(127);
    expect(missing.stderr).toContain("stacklog: no-such-command-4711: command not found");
  });

  it("reports the broken install as before for a verb with no command to run", () => {
    const r = broken(["run"]);
    expect(r.status).toBe(70);
    expect(r.stderr).toMatch(/chunk-\w+\.js/);
  });
});
