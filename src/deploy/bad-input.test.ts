import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { StacklogError } from "../errors/index.js";
import { snapshotConfig } from "./index.js";
import { tempTree } from "./test-trees.js";

const GLOBALS = 'openstack_release: "2023.1"\nkolla_base_distro: "rocky"\n';
const INVENTORY = "[control]\nctl01\n[compute]\ncn01\n";

function withTree(files: Record<string, string | Buffer>, body: (dir: string) => void): void {
  const t = tempTree(files);
  try {
    body(t.dir);
  } finally {
    t.cleanup();
  }
}

function reasons(dir: string): Record<string, string> {
  const { snapshot } = snapshotConfig(dir);
  return Object.fromEntries(snapshot.skipped.map((s) => [s.path, s.reason]));
}

describe("snapshotConfig with bad input", () => {
  it("records where malformed YAML is and still reads the rest", () => {
    withTree(
      { "globals.yml": 'openstack_release: "2023.1"\nenable_cinder: [yes\n', multinode: INVENTORY },
      (dir) => {
        const { snapshot } = snapshotConfig(dir, { tool: "kolla-ansible" });
        expect(snapshot.skipped[0]?.path).toBe("globals.yml");
        expect(snapshot.skipped[0]?.reason).toMatch(/malformed YAML at line \d+, column \d+/);
        expect(snapshot.hostsByGroup.control).toEqual(["ctl01"]);
      },
    );
  });

  it("throws MalformedYaml with its location when nothing else is readable", () => {
    withTree(
      { "globals.yml": 'openstack_release: "zed"\nenable_cinder: yes\n\t enable_heat: no\n' },
      (dir) => {
        let error: unknown;
        try {
          snapshotConfig(dir);
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(StacklogError);
        expect((error as StacklogError).code).toBe("MalformedYaml");
        expect((error as StacklogError).message).toBe(
          "globals.yml:3:1: Tabs are not allowed as indentation",
        );
      },
    );
  });

  it("says there is no configuration when no tool's files are present", () => {
    withTree({ "README.txt": "hello" }, (dir) => {
      expect(() => snapshotConfig(dir)).toThrow(/no kolla-ansible/);
    });
  });

  it("throws DeployConfigUnreadable when every file it finds is unusable", () => {
    withTree({}, (dir) => {
      symlinkSync(join(dir, "missing.yml"), join(dir, "globals.yml"));
      expect(() => snapshotConfig(dir, { tool: "kolla-ansible" })).toThrow(
        /could be read \(globals\.yml: dangling/,
      );
    });
  });

  it("merges duplicate INI sections and says so", () => {
    const conf =
      "[DEFAULT]\ndebug = true\n[libvirt]\ncpu_mode = custom\n[DEFAULT]\nverbose = true\n";
    withTree({ "globals.yml": GLOBALS, "config/nova.conf": conf }, (dir) => {
      const { snapshot } = snapshotConfig(dir);
      expect(snapshot.overrides[0]?.sections.DEFAULT).toEqual({
        debug: ["true"],
        verbose: ["true"],
      });
      expect(snapshot.skipped).toEqual([
        {
          path: "config/nova.conf",
          reason: expect.stringContaining("duplicate section [DEFAULT]"),
        },
      ]);
    });
  });

  it("skips dangling links, FIFOs and binary files without hanging", () => {
    withTree(
      {
        "globals.yml": GLOBALS,
        "config/nova/blob.conf": Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
      },
      (dir) => {
        symlinkSync(join(dir, "nowhere.conf"), join(dir, "config/glance.conf"));
        try {
          execFileSync("mkfifo", [join(dir, "config/nova/pipe.conf")]);
        } catch (err) {
          throw new Error(`this test needs mkfifo (Debian package coreutils): ${String(err)}`);
        }
        const r = reasons(dir);
        expect(r["config/glance.conf"]).toMatch(/dangling symbolic link/);
        expect(r["config/nova/pipe.conf"]).toMatch(/named pipe/);
        expect(r["config/nova/blob.conf"]).toMatch(/binary/);
      },
    );
  });

  it("ends on symbolic link loops", () => {
    withTree(
      { "globals.yml": GLOBALS, "config/nova/nova.conf": "[DEFAULT]\ndebug = true\n" },
      (dir) => {
        symlinkSync("..", join(dir, "config/nova/up"));
        symlinkSync("self.conf", join(dir, "config/self.conf"));
        const r = reasons(dir);
        expect(r["config/self.conf"]).toMatch(/symbolic link loop/);
        expect(r["config/nova/up"]).toMatch(/symbolic link loop/);
      },
    );
  });

  it("skips a 100 MB file as too large from its size alone", () => {
    withTree({ "globals.yml": GLOBALS }, (dir) => {
      mkdirSync(join(dir, "config"));
      const big = join(dir, "config/huge.conf");
      writeFileSync(big, "");
      truncateSync(big, 100 * 1024 * 1024);
      expect(reasons(dir)["config/huge.conf"]).toMatch(/too large \(104857600 bytes/);
      expect(() => snapshotConfig(dir, { maxFileBytes: 10 })).toThrow(
        /globals\.yml: too large \(\d+ bytes; the limit is 10\)/,
      );
    });
  });

  it("notes an ansible-vault passwords.yml and reads on", () => {
    withTree(
      { "globals.yml": GLOBALS, "passwords.yml": "$ANSIBLE_VAULT;1.1;AES256\n6162636465\n" },
      (dir) => {
        const { snapshot, secrets } = snapshotConfig(dir);
        expect(secrets).toEqual([]);
        expect(snapshot.skipped[0]?.reason).toMatch(/ansible-vault/);
        expect(snapshot.release).toBe("2023.1");
      },
    );
  });

  it("still hides the values of a malformed passwords.yml", () => {
    const pw =
      "database_password: Malf0rmed-Secret-1\nbroken: [\nrabbitmq_password: rabbit-Secret-22\n";
    const globals = `${GLOBALS}leaked: "Malf0rmed-Secret-1"\n`;
    withTree({ "globals.yml": globals, "passwords.yml": pw }, (dir) => {
      const { snapshot, secrets } = snapshotConfig(dir);
      expect(secrets.map((s) => s.value)).toEqual(
        expect.arrayContaining(["Malf0rmed-Secret-1", "rabbit-Secret-22"]),
      );
      expect(snapshot.secretKeys).toEqual(
        expect.arrayContaining(["database_password", "rabbitmq_password"]),
      );
      expect(snapshot.variables.leaked).toContain("REDACTED");
      expect(JSON.stringify(snapshot)).not.toContain("Malf0rmed-Secret-1");
    });
  });

  it("records permission denied for a file it may not read", () => {
    withTree({ "globals.yml": GLOBALS, "config/nova.conf": "[DEFAULT]\ndebug = true\n" }, (dir) => {
      chmodSync(join(dir, "config/nova.conf"), 0o000);
      expect(skippedAsUnprivileged(dir)["config/nova.conf"]).toMatch(
        /permission denied \(EACCES\)/,
      );
    });
  });
});

// Root reads any file whatever its mode, so as root the check runs in a child process that
// has dropped to `nobody` (util-linux setpriv).
function skippedAsUnprivileged(dir: string): Record<string, string> {
  if (process.getuid?.() !== 0) return reasons(dir);
  chmodSync(dir, 0o755);
  const script = join(dir, "probe.mts");
  const front = new URL("./index.ts", import.meta.url).pathname;
  writeFileSync(
    script,
    `import { snapshotConfig } from ${JSON.stringify(front)};\n` +
      `const s = snapshotConfig(${JSON.stringify(dir)}).snapshot;\n` +
      "console.log(JSON.stringify(Object.fromEntries(s.skipped.map((x) => [x.path, x.reason]))));\n",
  );
  chmodSync(script, 0o644);
  let out: string;
  try {
    out = execFileSync(
      "setpriv",
      [
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
        process.execPath,
        "--import",
        "tsx",
        script,
      ],
      {
        cwd: new URL("../..", import.meta.url).pathname,
        encoding: "utf8",
        env: { ...process.env, HOME: dir },
      },
    );
  } catch (err) {
    throw new Error(
      `this test needs setpriv (Debian package util-linux) and a user 65534: ${String(err)}`,
    );
  }
  return JSON.parse(out) as Record<string, string>;
}
