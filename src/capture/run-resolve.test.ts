import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveCommand } from "./run-resolve.js";

const dir = mkdtempSync(join(tmpdir(), "stacklog-resolve-"));
const bin = join(dir, "bin");
mkdirSync(bin);
writeFileSync(join(bin, "tool"), "#!/bin/sh\necho hi\n");
chmodSync(join(bin, "tool"), 0o755);
writeFileSync(join(bin, "plain"), "not executable\n");
chmodSync(join(bin, "plain"), 0o644);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("resolveCommand", () => {
  it("finds a bare name on PATH", () => {
    expect(resolveCommand("tool", "/", `/nonexistent:${bin}`)).toEqual({
      ok: true,
      path: join(bin, "tool"),
    });
  });

  it("says command not found with status 127 when no PATH entry has it", () => {
    expect(resolveCommand("no-such-tool-xyz", dir, bin)).toEqual({
      ok: false,
      status: 127,
      reason: "command not found",
    });
  });

  it("resolves a name with a slash from the working directory", () => {
    expect(resolveCommand("./bin/tool", dir, "")).toEqual({ ok: true, path: join(bin, "tool") });
    expect(resolveCommand("./bin/missing", dir, bin)).toMatchObject({ status: 127 });
  });

  it("gives 126 for a file that is not executable", () => {
    expect(resolveCommand("plain", dir, bin)).toMatchObject({
      status: 126,
      reason: "Permission denied",
    });
    expect(resolveCommand("./bin/plain", dir, bin)).toMatchObject({ status: 126 });
  });

  it("gives 126 for a directory", () => {
    expect(resolveCommand("./bin", dir, bin)).toEqual({
      ok: false,
      status: 126,
      reason: "Is a directory",
    });
  });
});
