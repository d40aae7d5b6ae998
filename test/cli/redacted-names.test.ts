import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Sandbox, sandbox, stacklog, stacklogJson } from "../helpers/cli.js";

// Names are stored redacted. A verb that compares a typed name with a stored one compares the
// redacted forms, and what it says names the name as stored.

const SECRET = "EnvOsPw_Qw3rty7788";
let sb: Sandbox;
beforeEach(() => {
  sb = sandbox({ OS_PASSWORD: SECRET });
  stacklogJson(sb, ["start", "--title", "names with secrets"]);
});
afterEach(() => sb.cleanup());

describe("a name holding a secret", () => {
  it("closes the milestone window it opened, without a warning", () => {
    const name = `API downtime ${SECRET}`;
    expect(stacklog(sb, ["milestone", name, "--begin"]).status).toBe(0);
    const end = stacklog(sb, ["milestone", name, "--end"]);
    expect(end.status).toBe(0);
    expect(end.stderr).toBe("");
    expect(end.stdout).toContain("(end)");
    expect(end.stdout).not.toContain(SECRET);
  });

  it("warns of a window never opened without printing the secret", () => {
    const end = stacklog(sb, ["milestone", `other ${SECRET}`, "--end"]);
    expect(end.status).toBe(0);
    expect(end.stderr).toContain('no "other [REDACTED');
    expect(end.stderr).not.toContain(SECRET);
  });

  it("ends the phase by the name it was begun with", () => {
    const name = `control plane ${SECRET}`;
    expect(stacklog(sb, ["phase", name]).status).toBe(0);
    const end = stacklog(sb, ["phase", name, "--end"]);
    expect(end.status, end.stderr).toBe(0);
    expect(end.stdout).toMatch(/^#2 phase control plane \[REDACTED[^\]]*\] ends\n$/);
  });

  it("refuses to end another phase without printing the secret", () => {
    stacklog(sb, ["phase", `control plane ${SECRET}`]);
    const end = stacklog(sb, ["phase", `compute ${SECRET}`, "--end"]);
    expect(end.status).toBe(3);
    expect(end.stderr).toContain('Phase "compute [REDACTED');
    expect(end.stderr).not.toContain(SECRET);
  });

  it("selects the phase's events in log --phase", () => {
    stacklog(sb, ["phase", `control plane ${SECRET}`]);
    stacklog(sb, ["note", "inside the phase"]);
    const log = stacklog(sb, ["log", "--phase", `control plane ${SECRET}`]);
    expect(log.stderr).toBe("");
    expect(log.stdout).toContain("inside the phase");
  });
});
