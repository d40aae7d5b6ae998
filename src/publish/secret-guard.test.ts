import { describe, expect, it } from "vitest";
import { secretFinder } from "./secret-guard.js";

describe("secretFinder", () => {
  it("finds a known value, not a label of stacklog's own markers that holds the same word", () => {
    // a lab's password may be a word its labels also hold
    const find = secretFinder([
      { value: "password", label: "passwords.yml:keystone_admin_password" },
      { value: "Kx9dbPassQwerty77", label: "passwords.yml:database_password" },
    ]);
    expect(find("db: [REDACTED passwords.yml:database_password], [REDACTED password]")).toBeNull();
    expect(find("[REDACTED env:OS_PASSWORD] and [REDACTED url-password]")).toBeNull();
    expect(find("my password is weak")?.label).toBe("passwords.yml:keystone_admin_password");
    // a value written inside something that only looks like a marker is still found
    expect(find("[REDACTED Kx9dbPassQwerty77]")?.label).toBe("passwords.yml:database_password");
  });
});
