import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog } from "../helpers/cli.js";

let sb: Sandbox;
afterEach(() => sb?.cleanup());

describe("stacklog secrets add", () => {
  it("warns when no key of a YAML file names a secret (globals.yml added by mistake)", () => {
    sb = sandbox();
    const globals = path.join(sb.dir, "globals.yml");
    writeFileSync(
      globals,
      'kolla_base_distro: "ubuntu"\nopenstack_release: "2024.1"\nkolla_internal_vip_address: "10.0.0.250"\n',
    );
    const r = stacklog(sb, ["secrets", "add", globals]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("no key of");
    expect(r.stderr).toContain(`stacklog secrets remove ${globals}`);
    const pw = path.join(sb.dir, "secrets.yml");
    writeFileSync(pw, "app:\n  db_password: Abcdefgh123\n  name: frontend\n");
    const ok = stacklog(sb, ["secrets", "add", pw]);
    expect(ok.status).toBe(0);
    expect(ok.stderr).toBe("");
  });
});
