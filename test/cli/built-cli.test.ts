import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtEntry, ROOT, type Sandbox, sandbox } from "../helpers/cli.js";
import { programInTerminal } from "../helpers/terminal.js";

// Users run the bundle (bin/stacklog.js → dist/bundle/, made by scripts/bundle.mjs), whose
// modules find the package's files (package.json, data/, shell/, the output worker, MiniSearch)
// from where they were compiled, not from the bundle's folder: each of those lookups, run here.

const BIN = path.join(ROOT, "bin", "stacklog.js");

let sb: Sandbox;
beforeEach(() => {
  builtEntry();
  sb = sandbox();
});
afterEach(() => sb.cleanup());

function built(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: sb.dir,
    env: { ...sb.env, ...env },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`stacklog ${args.join(" ")}: ${r.status}\n${r.stderr}`);
  return r.stdout;
}

describe("the built CLI", () => {
  it("is the bundle, and reads its version from package.json", () => {
    expect(readFileSync(BIN, "utf8")).toContain("../dist/bundle/entry.js");
    const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8"));
    expect(built(["--version"]).trim()).toContain(pkg.version);
  });

  it("finds every file it names from a module's own location", () => {
    const dir = path.join(ROOT, "dist", "bundle");
    const named: string[] = [];
    for (const f of readdirSync(dir)) {
      const code = readFileSync(path.join(dir, f), "utf8");
      // a module's own file, and what it names relative to itself (`new URL("./worker.js", …)`)
      for (const m of code.matchAll(/new URL\("([^"]+)", import\.meta\.url\)(\.href)?/g)) {
        const own = path.resolve(dir, m[1] as string);
        named.push(own);
        const rest = code.slice((m.index as number) + m[0].length);
        const outer = /^\)/.test(rest) && /new URL\("([^"]+)", $/.exec(code.slice(0, m.index));
        if (outer && !(outer[1] as string).endsWith(".ts"))
          named.push(path.resolve(path.dirname(own), outer[1] as string));
      }
    }
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((p) => !existsSync(p))).toEqual([]);
    expect(named).toContain(path.join(ROOT, "dist", "capture", "offload", "worker.js"));
  });

  it("plans from the release data in data/", () => {
    const plan = JSON.parse(
      built(["plan", "--tool", "kolla-ansible", "--from", "zed", "--to", "2024.1", "--json"]),
    );
    expect(JSON.stringify(plan)).toContain("2023.1");
  });

  it("prints the hooks of shell/hook.bash", () => {
    built(["start", "--title", "built"]);
    const script = built(["hook", "bash"]);
    const own = readFileSync(path.join(ROOT, "shell", "hook.bash"), "utf8");
    const firstLine = own.split("\n").find((l) => l.startsWith("#")) as string;
    expect(script).toContain(firstLine);
  });

  it("stores a command's output through the output worker", () => {
    built(["start", "--title", "built"]);
    expect(built(["run", "--", "echo", "via-worker"], { STACKLOG_OUTPUT_WORKER: "1" })).toBe(
      "via-worker\n",
    );
    const shown = JSON.parse(built(["show", "1", "--json"]));
    expect(JSON.stringify(shown)).toContain("via-worker");
  });

  it("records a shell with shell/stacklog.bash", async () => {
    built(["start", "--title", "built"]);
    const t = programInTerminal(sb, process.execPath, [BIN, "shell"], {
      env: { SHELL: "/bin/bash" },
    });
    await t.waitFor("recording this shell");
    t.pty.write("echo built-$((6*7))\r");
    await t.waitFor("built-42");
    t.pty.write("exit\r");
    await t.exited;
    const log = built(["log", "--json"]);
    expect(log).toContain("echo built-$((6*7))");
  });

  it("publishes pages with MiniSearch from node_modules", () => {
    built(["start", "--title", "built"]);
    const out = path.join(sb.dir, "site");
    built(["publish", "--out", out]);
    expect(readFileSync(path.join(out, "assets", "minisearch.js"), "utf8")).toContain("MiniSearch");
  });
});
