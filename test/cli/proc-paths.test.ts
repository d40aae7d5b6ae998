import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog } from "../helpers/cli.js";

// Under /proc, mkdir answers ENOENT for folders that exist, and Node's recursive mkdirSync then
// loops forever at full CPU: a store or spool there must fail like any unwritable place.

let sb: Sandbox;
afterEach(() => sb.cleanup());

describe("a store and spool under /proc", () => {
  it("still runs the command with its status, and says the record could not be kept", () => {
    sb = sandbox({ STACKLOG_HOME: "/proc/stacklog-no-such/store", XDG_STATE_HOME: "/proc/x" });
    const r = stacklog(sb, ["run", "--", "sh", "-c", "echo still-runs; exit 3"], {
      timeout: 20_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(3);
    expect(r.stdout).toBe("still-runs\n");
    expect(r.stderr).toMatch(/stacklog: .*(not recorded|could not|unavailable)/);
  });

  it("gives a clear error for a note instead of hanging", () => {
    sb = sandbox({ STACKLOG_HOME: "/proc/stacklog-no-such/store", XDG_STATE_HOME: "/proc/x" });
    const r = stacklog(sb, ["note", "hello"], { timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^stacklog: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
