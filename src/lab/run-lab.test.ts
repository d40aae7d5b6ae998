import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { secretsEnvFile } from "./identity-env.js";
import { LabError } from "./lab-error.js";
import { MIN_FREE_BYTES, type PreflightProbe } from "./preflight.js";
import { randomSecrets, runLab, startArgs } from "./run-lab.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function probe(over: Partial<PreflightProbe>): PreflightProbe {
  return {
    uid: 0,
    freeBytes: () => MIN_FREE_BYTES * 2,
    reachArchive: async () => null,
    ...over,
  };
}

async function refusal(backend: "sqlite" | "mariadb", p: PreflightProbe): Promise<LabError> {
  const dir = join(mkdtempSync(join(tmpdir(), "stacklog-lab-run-")), "lab");
  dirs.push(dir);
  const err = await runLab({ dir, backend }, p).catch((e: unknown) => e);
  if (!(err instanceof LabError)) throw new Error(`expected a LabError, got ${String(err)}`);
  return err;
}

describe("runLab with the MariaDB backend", () => {
  it("goes through the preflight and says when root is missing", async () => {
    const err = await refusal("mariadb", probe({ uid: 1000 }));
    expect(err.title).toBe("The lab needs root");
  });

  it("says every missing precondition at once: root, disk and archive", async () => {
    const err = await refusal(
      "mariadb",
      probe({ uid: 1000, freeBytes: () => 1024 ** 3, reachArchive: async () => "ENOTFOUND" }),
    );
    expect(err.title).toBe("The lab cannot run here");
    expect(err.message).toContain("The lab needs root");
    expect(err.message).toContain("Not enough free disk");
    expect(err.message).toContain("Debian archive unreachable: ");
    expect(err.message).toContain("(ENOTFOUND)");
  });

  it("names the backend in the journal's title", () => {
    expect(startArgs("2025.1", "MariaDB")).toContain(
      "Lab: Keystone Victoria → Zed → 2025.1 in Debian chroots (MariaDB)",
    );
    expect(startArgs("zed")).toContain("Lab: Keystone Victoria → Zed in Debian chroots (SQLite)");
  });

  it("plants a database password and registers it with the other secrets", () => {
    const s = randomSecrets();
    expect(s.dbPassword.length).toBeGreaterThanOrEqual(20);
    expect(s.dbPassword).not.toBe(randomSecrets().dbPassword);
    expect(secretsEnvFile(s).split("\n")).toContain(`LAB_DB_PASSWORD=${s.dbPassword}`);
  });
});
