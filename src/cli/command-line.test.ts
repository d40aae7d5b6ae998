import { describe, expect, it } from "vitest";
import { createRedactor } from "../redact/index.js";
import { redactArgv, shellLine } from "./command-line.js";

const redactor = createRedactor([{ value: "KnownValue-4711", label: "passwords.yml:x" }]);
const redact = (t: string) => redactor.redact(t);

describe("redactArgv", () => {
  it("hides what the line's redaction hides, argument by argument", () => {
    const argv = [
      ...["openstack", "--os-password", "a b c", "user", "create", "--password"],
      ...["it's-S3cret-Value", "--os-token", "OsTok_abcdef123", "--description", "KnownValue-4711"],
    ];
    const out = redactArgv(argv, redact);
    expect(out).toEqual([
      ...["openstack", "--os-password", "[REDACTED password]", "user", "create", "--password"],
      ...["[REDACTED password]", "--os-token", "[REDACTED token]", "--description"],
      "[REDACTED passwords.yml:x]",
    ]);
    // nothing the line hides is left in the arguments
    const line = redact(shellLine(argv));
    for (const v of ["a b c", "S3cret", "OsTok_abcdef123", "KnownValue-4711"]) {
      expect(line).not.toContain(v);
      expect(out.join(" ")).not.toContain(v);
    }
  });

  it("leaves arguments alone that no rule takes for secrets", () => {
    const argv = [
      "openstack",
      "token",
      "issue",
      "--password-expires-at",
      "2026-01-01",
      "-f",
      "json",
    ];
    expect(redactArgv(argv, redact)).toEqual(argv);
  });
});
