import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog } from "../helpers/cli.js";

let sb: Sandbox;
beforeAll(() => {
  sb = sandbox();
});
afterAll(() => sb.cleanup());

describe("stacklog lab keystone --backend", () => {
  it("offers sqlite and mariadb in its help", () => {
    const r = stacklog(sb, ["lab", "keystone", "--help"]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("--backend sqlite|mariadb");
  });

  it("refuses another backend before doing anything, saying which it accepts", () => {
    const r = stacklog(sb, ["lab", "keystone", "--backend", "postgres", "--dir", sb.dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("sqlite or mariadb");
    expect(r.stderr).toContain("received: postgres");
  });
});
