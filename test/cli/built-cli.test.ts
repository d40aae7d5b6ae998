import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { builtEntry, liveBundleFiles, ROOT, type Sandbox, sandbox } from "../helpers/cli.js";
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
    for (const f of liveBundleFiles(dir)) {
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

  it("keeps an earlier build's chunks when rebuilt, for a stacklog that started from them", () => {
    const install = mkdtempSync(path.join(os.tmpdir(), "stacklog-rebuild-"));
    try {
      for (const part of ["bin", "dist", "scripts", "package.json"])
        cpSync(path.join(ROOT, part), path.join(install, part), { recursive: true });
      symlinkSync(path.join(ROOT, "node_modules"), path.join(install, "node_modules"));
      const bundle = path.join(install, "dist", "bundle");
      const rebuild = () => {
        const r = spawnSync(process.execPath, [path.join(install, "scripts", "bundle.mjs")], {
          encoding: "utf8",
        });
        expect(r.stderr).toBe("");
        expect(r.status).toBe(0);
      };
      const before = liveBundleFiles(bundle);
      // an upgrade changes one verb's code: its chunk, and the chunks naming it, get new names
      appendFileSync(
        path.join(install, "dist", "cli", "commands", "status.js"),
        "\nglobalThis.stacklogRebuilt = 1;\n",
      );
      rebuild();
      const after = liveBundleFiles(bundle);
      const replaced = before.filter((f) => !after.includes(f));
      expect(replaced.length).toBeGreaterThan(0);
      expect(before.filter((f) => !existsSync(path.join(bundle, f)))).toEqual([]);
      // the next build takes away what an earlier one left over an hour ago
      const hoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
      for (const f of replaced) utimesSync(path.join(bundle, f), hoursAgo, hoursAgo);
      rebuild();
      expect(replaced.filter((f) => existsSync(path.join(bundle, f)))).toEqual([]);
      expect(after.filter((f) => !existsSync(path.join(bundle, f)))).toEqual([]);
      const r = spawnSync(process.execPath, [path.join(install, "bin", "stacklog.js"), "status"], {
        env: sb.env,
        encoding: "utf8",
      });
      expect(r.stderr).not.toContain("Error");
      expect(r.status).toBe(0);
    } finally {
      rmSync(install, { recursive: true, force: true });
    }
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
