import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer } from "node:net";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, spawnStacklog, stacklog, stacklogJson } from "../helpers/cli.js";

let sb: Sandbox;
beforeEach(() => {
  sb = sandbox();
});
afterEach(() => sb.cleanup());

// The README's quick start runs the built CLI (bin/stacklog.js, the bundle of scripts/bundle.mjs).
describe("the README's main job: stacklog demo", () => {
  it("records a rehearsal in the store and serves it as web pages until Ctrl-C", async () => {
    const child = spawnStacklog(sb, ["demo", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
      built: true,
    });
    let out = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.once("exit", (code) =>
        reject(new Error(`demo exited ${code} before serving:\n${out}`)),
      );
    });
    expect(out).toContain("exit 2");
    expect(out).toContain("fix: started rabbitmq on ctl-2");
    const index = await (await fetch(url)).text();
    expect(index).toContain("Demo rehearsal: recording an upgrade with stacklog");
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.once("exit", r));
    expect(code).toBe(0);
    const list = stacklogJson<{ journals: { status: string }[] }>(sb, ["list"]);
    expect(list.journals.map((j) => j.status)).toEqual(["completed"]);
  });
});

describe("stacklog demo beside an operator's own journal", () => {
  it("leaves the operator's journal current, and names the demo's", () => {
    const own = stacklogJson<{ id: string }>(sb, ["start", "--title", "Real upgrade"]);
    stacklog(sb, ["phase", "pre-checks"]);
    const demo = stacklog(sb, ["demo", "--record-only"]);
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain(`Your journal ${own.id} is the current one again`);
    expect(stacklog(sb, ["note", "after the demo"]).status).toBe(0);
    const status = stacklogJson<{ journal: { id: string }; phase: string | null }>(sb, ["status"]);
    expect(status.journal.id).toBe(own.id);
    expect(status.phase).toBe("pre-checks");
    const notes = stacklog(sb, ["log", "--kind", "note"]).stdout;
    expect(notes).toContain("after the demo");
    expect(notes).not.toContain("rabbitmq");
  });

  it("refuses a taken port before it records anything", async () => {
    const taken = createServer();
    await new Promise<void>((r) => taken.listen(0, "127.0.0.1", () => r()));
    const port = (taken.address() as AddressInfo).port;
    try {
      const r = stacklog(sb, ["demo", "--port", String(port)]);
      expect(r.stderr).toContain("Port in use");
      expect(r.status).toBe(1);
      expect(stacklog(sb, ["demo", "--port", "-1"]).status).toBe(2);
      const serve = stacklog(sb, ["serve", "--port", "70000"]);
      expect([serve.status, serve.stderr]).toEqual([2, expect.stringContaining("a port number")]);
      const list = stacklogJson<{ journals: unknown[] }>(sb, ["list"]);
      expect(list.journals).toEqual([]);
    } finally {
      taken.close();
    }
  });
});

describe("the README's main job: stacklog serve on a fresh store", () => {
  it("imports the shipped example of a real Keystone upgrade and serves its account", async () => {
    const child = spawnStacklog(sb, ["serve", "--port", "0"], {
      stdio: ["ignore", "pipe", "pipe"],
      built: true,
    });
    let out = "";
    let err = "";
    child.stderr?.on("data", (d: Buffer) => {
      err += d.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout?.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/?)/.exec(out);
        if (m) resolve(m[1] as string);
      });
      child.once("exit", (code) => reject(new Error(`serve exited ${code}: ${out}${err}`)));
    });
    expect(err).toContain("first start: imported the example journal");
    const index = await (await fetch(url)).text();
    expect(index).toContain("Keystone");
    const href = /href="(journals\/[^"]+)"/.exec(index)?.[1];
    expect(href).toBeTruthy();
    const account = await (await fetch(new URL(href as string, url))).text();
    expect(account).toContain("db_sync");
    child.kill("SIGINT");
    expect(await new Promise((r) => child.once("exit", r))).toBe(0);
  });
});

describe("publish and serve from the command line", () => {
  beforeEach(() => {
    stacklogJson(sb, ["start", "--title", "Publishing test"]);
    stacklog(sb, [
      "run",
      "--",
      "bash",
      "-c",
      "echo '{{ kolla_install_type }} <script>alert(1)</script>'",
    ]);
  });

  it("writes a static site and Jekyll pages into the folder given", () => {
    const site = path.join(sb.dir, "site");
    const r = stacklogJson<{ files: number }>(sb, ["publish", "--out", site]);
    expect(r.files).toBeGreaterThan(3);
    expect(readFileSync(path.join(site, "index.html"), "utf8")).toContain("Publishing test");
    const jek = path.join(sb.dir, "jekyll");
    expect(stacklog(sb, ["publish", "--format", "jekyll", "--out", jek]).status).toBe(0);
    expect(existsSync(path.join(jek, "_pages", "stacklog"))).toBe(true);
  });

  it("refuses to publish when a registered secret would appear, naming the event but not the value", () => {
    // The secret source is registered after the command ran, so the store holds the value.
    const secretFile = path.join(sb.dir, "passwords.yml");
    writeFileSync(secretFile, "database_password: kolla_install_type_secret\n");
    stacklog(sb, ["run", "--", "echo", "kolla_install_type_secret"]);
    expect(stacklog(sb, ["secrets", "add", secretFile]).status).toBe(0);
    const site = path.join(sb.dir, "site");
    const r = stacklog(sb, ["publish", "--out", site]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("passwords.yml:database_password");
    expect(r.stderr).not.toContain("kolla_install_type_secret");
    expect(existsSync(path.join(site, "index.html"))).toBe(false);
  });

  it("refuses to serve on a non-loopback address without --public", () => {
    const r = stacklog(sb, ["serve", "--host", "0.0.0.0", "--port", "0"]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("--public");
  });
});
