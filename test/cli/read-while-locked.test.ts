import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { holdLock } from "../helpers/store-lock.js";

let sb: Sandbox;
afterEach(() => sb.cleanup());

describe("reading a store another process is writing", () => {
  it("does not wait for the writer: log shows what is stored, and the spool is stored later", async () => {
    sb = sandbox();
    stacklogJson(sb, ["start", "--title", "read while locked"]);
    expect(stacklog(sb, ["note", "stored-first"]).status).toBe(0);
    const release = await holdLock(path.join(sb.home, "stacklog.db"));
    try {
      // a note while the store is held goes to the spool (a short wait, for the test's sake)
      const spooled = stacklog(sb, ["note", "spooled-second"], {
        env: { STACKLOG_BUSY_TIMEOUT_MS: "200" },
      });
      expect(spooled.stdout).toContain("(spooled)");
      const t0 = Date.now();
      const log = stacklog(sb, ["log"]);
      const took = Date.now() - t0;
      expect(log.status).toBe(0);
      expect(log.stdout).toContain("stored-first");
      expect(log.stdout).not.toContain("spooled-second");
      // node's start and the read; not the 5 s a writer waits
      expect(took).toBeLessThan(3000);
    } finally {
      await release();
    }
    expect(stacklog(sb, ["log"]).stdout).toContain("spooled-second");
  });
});
