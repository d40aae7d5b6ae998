import { copyFileSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loggedEvents, type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";
import { holdLock } from "../helpers/store-lock.js";

// A hook-mode shell's lines wait in <home>/hooks/<journal>.tsv, unredacted. A call that takes
// them while another process holds the store's lock must not strand them.

let sb: Sandbox;
afterEach(() => sb?.cleanup());

function commandLines(): string[] {
  return loggedEvents(sb, ["--kind", "command"]).map((e) =>
    e.payload.kind === "command" ? e.payload.line : "",
  );
}

const modes = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((n) => [n, statSync(path.join(dir, n)).mode & 0o777]));

describe("hook-mode lines taken while the store is locked", () => {
  it("are stored once by a later call, and their files are private until then and removed after", async () => {
    sb = sandbox({ STACKLOG_BUSY_TIMEOUT_MS: "200" });
    const id = stacklogJson<{ id: string }>(sb, ["start", "--title", "locked hooks"]).id;
    const hooks = path.join(sb.home, "hooks");
    mkdirSync(hooks, { recursive: true, mode: 0o700 });
    const now = Date.now() / 1000;
    const line = (n: number) =>
      `${now + n}\t${now + n + 0.1}\t0\t${sb.dir}\techo hooked-${n}\tpts/4\tbob@deploy\t0\n`;
    // as a shell with umask 022 would have created it
    writeFileSync(path.join(hooks, `${id}.tsv`), line(1) + line(2), { mode: 0o644 });

    const release = await holdLock(path.join(sb.home, "stacklog.db"));
    try {
      stacklog(sb, ["status"]);
    } finally {
      await release();
    }
    const claimed = readdirSync(hooks).filter((n) => n.includes(".claimed-"));
    expect(claimed).toHaveLength(1);
    for (const [name, mode] of Object.entries(modes(hooks)))
      expect(mode, `mode of ${name}`).toBe(0o600);

    // no shell has written since: the claimed file alone is picked up
    expect(commandLines()).toEqual(["echo hooked-1", "echo hooked-2"]);
    expect(readdirSync(hooks).filter((n) => n.includes(".claimed-"))).toEqual([]);
    expect(commandLines()).toHaveLength(2);
  });

  it("are not stored twice when a call died after storing them but before removing the file", () => {
    sb = sandbox();
    const id = stacklogJson<{ id: string }>(sb, ["start", "--title", "replayed hooks"]).id;
    const hooks = path.join(sb.home, "hooks");
    mkdirSync(hooks, { recursive: true, mode: 0o700 });
    const now = Date.now() / 1000;
    const spool = path.join(hooks, `${id}.tsv`);
    writeFileSync(spool, `${now}\t${now + 0.1}\t3\t${sb.dir}\techo once\tpts/4\tbob@deploy\t0\n`);
    const copy = path.join(sb.dir, "copy.tsv");
    copyFileSync(spool, copy);
    expect(commandLines()).toEqual(["echo once"]);
    // pid 2^22+1 is above Linux's pid_max ceiling, so no process has it.
    copyFileSync(copy, `${spool}.claimed-4194305-${Date.now()}`);
    expect(commandLines()).toEqual(["echo once"]);
    expect(readdirSync(hooks).filter((n) => n.includes(".claimed-"))).toEqual([]);
  });
});
