import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseUpgradeCheck } from "./upgrade-check.js";

const FIXTURES = join(import.meta.dirname, "../../test/fixtures/plan/keystone-status");
const fixture = (name: string) => readFileSync(join(FIXTURES, name), "utf8");

describe("parseUpgradeCheck on captured keystone-status output (Debian python3-keystone 22.0.2)", () => {
  it.each(["success.json.txt", "success.table.txt"])(
    "reads all three checks as passing from %s",
    (f) => {
      const r = parseUpgradeCheck(fixture(f), 0);
      expect(r.map((x) => x.name)).toEqual([
        "Check trust policies are not empty",
        "Check default roles are immutable",
        "Policy File JSON to YAML Migration",
      ]);
      expect(r.every((x) => x.severity === "info" && !x.inhibitor)).toBe(true);
      expect(r[1]?.text).toBe("Success: Default roles are immutable.");
      expect(r[2]?.detail.details).toBeNull();
    },
  );

  it.each(["failure.json.txt", "failure.table.txt"])(
    "marks the failed check as a high inhibitor in %s",
    (f) => {
      const r = parseUpgradeCheck(fixture(f), 2);
      const bad = r.find((x) => x.name === "Check default roles are immutable");
      expect(bad).toMatchObject({
        severity: "high",
        inhibitor: true,
        text: "Failure: Roles are not immutable: reader",
      });
      expect(r.filter((x) => x.inhibitor)).toHaveLength(1);
    },
  );

  it.each(["error.json.txt", "error.table.txt"])(
    "reports a crashed check run (exit 255) from %s",
    (f) => {
      const r = parseUpgradeCheck(fixture(f), 255);
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ name: "upgrade check run", severity: "high", inhibitor: true });
      expect(r[0]?.text).toMatch(/unable to open database file/);
    },
  );
});

describe("parseUpgradeCheck on synthetic output", () => {
  const json = (result: number, details: string | null) =>
    JSON.stringify({
      name: "Upgrade Check Results",
      checks: [{ check: "Cells v2", result, details }],
    });

  it.each([
    [0, "info", false],
    [1, "medium", false],
    [2, "high", true],
  ])("maps JSON result %i to %s (inhibitor %s)", (code, severity, inhibitor) => {
    const [r] = parseUpgradeCheck(`noise before\n${json(code, "x")}\n`, code);
    expect(r).toMatchObject({
      name: "Cells v2",
      severity,
      inhibitor,
      detail: { code, exitCode: code, format: "json" },
    });
  });

  it("joins table details wrapped over several lines", () => {
    const table = [
      "+------------------------------------------------------------------+",
      "| Upgrade Check Results                                            |",
      "+------------------------------------------------------------------+",
      "| Check: Placement API                                             |",
      "| Result: Warning                                                  |",
      "| Details: The placement API endpoint was not found in the service |",
      "|   catalog; check your deployment.                                |",
      "+------------------------------------------------------------------+",
    ].join("\n");
    const [r] = parseUpgradeCheck(table, 1);
    expect(r).toMatchObject({ severity: "medium", inhibitor: false });
    expect(r?.detail.details).toBe(
      "The placement API endpoint was not found in the service catalog; check your deployment.",
    );
  });

  it("reports output with no checks as an inhibitor", () => {
    const r = parseUpgradeCheck("usage: nova-status [-h]\n", 2);
    expect(r).toEqual([expect.objectContaining({ name: "upgrade check run", inhibitor: true })]);
    expect(r[0]?.text).toMatch(/^Exit 2: no check results/);
  });
});

/** Runs the real keystone-status against a fresh SQLite database; see manifest.json for why /etc is overlaid. */
function runRealKeystoneStatus(): {
  json: string;
  jsonExit: number;
  table: string;
  tableExit: number;
} {
  const dir = mkdtempSync(join(tmpdir(), "stacklog-ks-"));
  try {
    for (const d of ["up", "work", "out"]) mkdirSync(join(dir, d));
    writeFileSync(
      join(dir, "keystone.conf"),
      `[database]\nconnection = sqlite:///${dir}/keystone.db\n`,
    );
    // keystone-status loads its key repositories from the default /etc/keystone paths before it
    // parses --config-file (keystone/cmd/status.py main), so give it those in a private overlay.
    const script = `set -e
mount -t overlay overlay -o lowerdir=/etc,upperdir=${dir}/up,workdir=${dir}/work /etc
mkdir -p /etc/keystone/fernet-keys /etc/keystone/credential-keys
/usr/bin/python3 -c "import base64,os;[open(p,'wb').write(base64.urlsafe_b64encode(os.urandom(32))) for p in ('/etc/keystone/fernet-keys/0','/etc/keystone/credential-keys/0')]"
keystone-manage --config-file ${dir}/keystone.conf db_sync >/dev/null 2>&1
set +e
keystone-status --config-file ${dir}/keystone.conf upgrade check --json >${dir}/out/json 2>/dev/null; echo $? >${dir}/out/json.rc
keystone-status --config-file ${dir}/keystone.conf upgrade check >${dir}/out/table 2>/dev/null; echo $? >${dir}/out/table.rc`;
    execFileSync("unshare", ["--mount", "--propagation", "private", "sh", "-c", script], {
      stdio: "ignore",
    });
    const out = (f: string) => readFileSync(join(dir, "out", f), "utf8");
    return {
      json: out("json"),
      jsonExit: Number(out("json.rc")),
      table: out("table"),
      tableExit: Number(out("table.rc")),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe("parseUpgradeCheck on a live keystone-status run", () => {
  it("parses what the installed keystone-status prints, in both forms", () => {
    const found = spawnSync("sh", ["-c", "command -v keystone-status"]).status === 0;
    if (!found || !existsSync("/usr/bin/python3"))
      throw new Error(
        "keystone-status is missing: apt-get install -y --no-install-recommends python3-keystone",
      );
    if (process.getuid?.() !== 0)
      throw new Error("this test needs root for a private mount namespace (unshare --mount)");
    const real = runRealKeystoneStatus();
    expect(real.jsonExit).toBe(0);
    expect(real.tableExit).toBe(0);
    const fromJson = parseUpgradeCheck(real.json, real.jsonExit);
    const fromTable = parseUpgradeCheck(real.table, real.tableExit);
    expect(fromJson.length).toBeGreaterThanOrEqual(3);
    expect(fromTable.map((r) => [r.name, r.severity])).toEqual(
      fromJson.map((r) => [r.name, r.severity]),
    );
    expect(fromJson.every((r) => !r.inhibitor)).toBe(true);
  });
});
